"""The synthetic conversations drawn as screenshots, with the identifiers each one carries.

All names, numbers, handles and addresses are invented or taken from published test vectors
(BIP-173, EIP-55) and example numbers; none belongs to a real person. ``split`` is "dev" for
cases the screenshot reader was tuned on and "heldout" for cases kept aside: the held-out cases
use a layout never tuned on (Messenger) and phrasings, names and chats not seen while tuning.
"heldout2" was drawn after the first held-out measurement led to one fix, and measured once:
a larger phone, 12-hour clocks, and screenshots that cut bubbles at their edges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?:\s?([AP]M))?$", re.IGNORECASE)


@dataclass(frozen=True)
class Sep:
    """A centred day/time label; ``day`` and ``clock`` (HH:MM, 24 h) are what it says."""

    text: str
    day: str | None = None
    clock: str | None = None


def sep(text: str) -> Sep:
    match = _CLOCK.search(text)
    if not match:
        return Sep(text, day=text)
    hour, minute = int(match.group(1)), match.group(2)
    if match.group(3):
        hour = hour % 12 + (12 if match.group(3).upper() == "PM" else 0)
    day = text[: match.start()].strip(" ,") or None
    if day and day.endswith(" at"):
        day = day[:-3]
    return Sep(text, day=day, clock=f"{hour:02d}:{minute}")


@dataclass(frozen=True)
class Msg:
    side: str  # "left": the other party; "right": the phone's owner
    text: str
    time: str | None = None  # shown inside the bubble where the app does (WhatsApp)
    receipt: str | None = None  # "Seen", "Delivered" under the bubble


def L(text: str, time: str | None = None) -> Msg:
    return Msg("left", text, time)


def R(text: str, time: str | None = None, receipt: str | None = None) -> Msg:
    return Msg("right", text, time, receipt)


@dataclass(frozen=True)
class Case:
    name: str
    app: str
    dark: bool
    contact: str
    items: tuple[Sep | Msg, ...]
    identifiers: tuple[tuple[str, str], ...] = ()
    pages: int = 1
    overlap: int = 2
    split: str = "dev"
    battery: int = 87
    clocks: tuple[str, ...] = ("21:05",)
    notes: str = field(default="")
    scale: float = 1.0  # a larger phone: everything drawn this many times bigger
    twelve_hour: bool = False  # bubbles show "9:41 pm" rather than "21:41"
    offset: int = 0  # screenshots after the first start this many px off a message's top
    jpeg: int | None = None  # saved as JPEG of this quality (shared screenshots are re-compressed)
    shrink: float = 1.0  # and scaled down by this factor


CASES: tuple[Case, ...] = (
    # ---------------------------------------------------------------- development set
    Case(
        "instagram_light_jess",
        "instagram",
        False,
        "Jess",
        (
            sep("Today 21:03"),
            L("hey you look cute in your pics"),
            R("haha thanks, who is this?"),
            L("Jess, im 17 too. add me on snap: jess_x92"),
            R("ok added you"),
            L("send me something first, I showed you mine"),
            R("fine"),
            sep("Today 22:41"),
            L("I recorded our video call. I will send it to all your followers"),
            L("unless you send £250 to $JessX92 on Cash App"),
            R("please dont do this"),
            L("you have 30 minutes. email me when done Jess.X92+pay@GoogleMail.com"),
            R("I don't have that much money"),
            L("then ask your parents"),
            L("I already found your sister's account"),
            R("ok I can get 50 tomorrow"),
            L("250 or it goes out at midnight"),
            L("tick tock"),
            R("I'm trying"),
        ),
        (
            ("handle", "snapchat:jess_x92"),
            ("payment_handle", "cashapp:jessx92"),
            ("email", "jessx92@gmail.com"),
        ),
        pages=2,
        clocks=("22:44", "22:45"),
    ),
    Case(
        "instagram_dark_kayla",
        "instagram",
        True,
        "kayla.jenx",
        (
            sep("Mon 4 Mar 23:10"),
            L("heyy saw u at the party"),
            R("which one lol"),
            L("pay me in eth or the pics go out"),
            L("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
            R("I only have a gift card"),
            L("fine. Apple gift card, 150, send me the code"),
            R("Apple gift card code X4PQ 7KLM 2PQR 8TZW"),
        ),
        (
            ("crypto_wallet", "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
            ("gift_card", "apple:X4PQ7KLM2PQR8TZW"),
        ),
        battery=41,
    ),
    Case(
        "whatsapp_light_lily",
        "whatsapp",
        False,
        "Lily Rose",
        (
            sep("TODAY"),
            L("hi its Lily from insta", "20:14"),
            R("oh hey", "20:15"),
            L("lets talk here, my number is +44 7400 123456", "20:15"),
            L("send me a pic first x", "20:16"),
            R("idk", "20:20"),
            R("ok just one", "20:31"),
            L("I have your pictures now", "21:02"),
            L("Pay 300 quid or your family sees them", "21:02"),
            L("buy a steam card and send the code here", "21:03"),
            R("steam card ABCD-EFGH-IJKL", "21:15"),
            L("not enough. 200 more by tonight", "21:16"),
            R("I only had 50 on it", "21:16"),
            L("then get another one from the shop", "21:17"),
            L("or I make a group chat with your friends", "21:17"),
            R("please wait until tomorrow", "21:18"),
            L("no. tonight", "21:18"),
            L("you know what happens if you block me", "21:18"),
        ),
        (
            ("phone", "+447400123456"),
            ("gift_card", "steam:ABCDEFGHIJKL"),
        ),
        pages=2,
        clocks=("21:17", "21:18"),
        battery=63,
    ),
    Case(
        "whatsapp_dark_ryan",
        "whatsapp",
        True,
        "+44 7911 123456",
        (
            sep("Yesterday"),
            L("this is Ryan from the gym lol", "23:40"),
            R("who gave you my number", "23:52"),
            sep("TODAY"),
            L("I saved your video. send £100 on an amazon card", "08:05"),
            L("amazon code AQ7R-KL2PZX-9MNB works too", "08:06"),
            R("leave me alone", "08:30"),
        ),
        (("phone", "+447911123456"), ("gift_card", "amazon:AQ7RKL2PZX9MNB")),
        battery=22,
    ),
    Case(
        "snapchat_light_mia",
        "snapchat",
        False,
        "Mia",
        (
            sep("Today"),
            L("you're really cute, what's your insta?"),
            R("my insta is sam.k_07"),
            L("I saved everything you sent"),
            L("200 dollars in bitcoin to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            R("I dont have that much"),
            L("then 100 on paypal.me/miaxo22 now or I post it"),
        ),
        (
            ("handle", "instagram:sam.k_07"),
            ("crypto_wallet", "btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
            ("payment_handle", "paypal:miaxo22"),
        ),
    ),
    Case(
        "snapchat_dark_tyler",
        "snapchat",
        True,
        "Tyler",
        (
            sep("Yesterday"),
            L("u up?"),
            R("ye"),
            sep("Today"),
            L("ill leak it. 1.5k or your mum gets it"),
            L("cash app £TylerMoney88 before 6pm"),
            R("please I'm 16"),
        ),
        (("payment_handle", "cashapp:tylermoney88"),),
        battery=9,
    ),
    Case(
        "imessage_light_alex",
        "imessage",
        False,
        "Alex",
        (
            sep("Yesterday 23:12"),
            L("u up? saw you on tiktok"),
            R("yeah who's this"),
            L("check your dms on ig @alex.rivers_9"),
            R("ok"),
            sep("Today 07:45"),
            L("I have the video. pay or everyone at school sees it"),
            L("Venmo @alexr-pay $500 by lunch"),
            L("I already have your followers list"),
            R("how did you even get that"),
            L("doesn't matter. pay and it's deleted"),
            R("I don't have a card"),
            L("ask a friend then"),
            R("everyone will ask why"),
            L("say it's for a game. you're good at lying I bet"),
            L("last chance before I post"),
            R("I'm 15 please stop", receipt="Delivered"),
        ),
        (("handle", "instagram:alex.rivers_9"), ("payment_handle", "venmo:alexr-pay")),
        pages=2,
        overlap=1,
        clocks=("07:51", "07:52"),
    ),
    Case(
        "imessage_dark_danny",
        "imessage",
        True,
        "Danny B",
        (
            sep("Tue 12 Mar at 9:03 PM"),
            L("You left your camera on lol"),
            L("email me at danny.b.1999@outlook.com if you want it deleted"),
            R("what do you want"),
            L("£400. bank transfer, sort code 20-00-00 acc 55779911"),
            R("I cant", receipt="Read 21:09"),
        ),
        (
            ("email", "danny.b.1999@outlook.com"),
            ("bank_account", "200000-55779911"),
        ),
        clocks=("9:10",),
        battery=55,
    ),
    Case(
        "instagram_light_noah",
        "instagram",
        False,
        "noah_fitz",
        (
            sep("Sat 2 Mar 19:20"),
            L("yo you play fortnite?"),
            R("sometimes"),
            L("add me there, or discord noahfitz2210"),
            sep("Sat 2 Mar 21:55"),
            L("so about those pics. $300 to cash.app/$NoahFitz"),
            L("or I tag your school"),
            R("I blocked you everywhere else"),
        ),
        (("handle", "discord:noahfitz2210"), ("payment_handle", "cashapp:noahfitz")),
    ),
    Case(
        "whatsapp_light_zoe",
        "whatsapp",
        False,
        "Zoe",
        (
            sep("Yesterday"),
            L("Hi Sam, is this you in the photo?", "10:02"),
            R("what photo", "10:05"),
            L("the one from the call. I kept it", "10:06"),
            L("send 0.01 btc to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "10:06"),
            R("I'm telling my dad", "10:11"),
            L("then he gets the photo too", "10:12"),
        ),
        (("crypto_wallet", "btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),),
        battery=71,
    ),
    # ------------------------------------------------------------------ held-out set
    Case(
        "messenger_light_chloe",
        "messenger",
        False,
        "Chloe Martin",
        (
            sep("Mon 21:40"),
            L("Hey! We have mutual friends"),
            L("You seem really sweet x"),
            R("thanks, do I know you?"),
            L("not yet haha. text me 07400 123456"),
            R("why not here"),
            sep("Tue 01:12"),
            L("I screenshotted everything from last night"),
            L("Pay £150 to monzo.me/chloem88 or I share them with your class"),
            R("I'm going to report you"),
            L("do it and they go out in 10 minutes"),
            R("how do I know you'll delete them"),
            L("you don't. but you have no choice"),
            L("I can see you're online"),
            R("give me an hour"),
            L("30 minutes"),
        ),
        (("phone", "+447400123456"), ("payment_handle", "monzo:chloem88")),
        pages=2,
        split="heldout",
        clocks=("01:15", "01:16"),
    ),
    Case(
        "messenger_dark_sofia",
        "messenger",
        True,
        "Sofia Reyes",
        (
            sep("Today 16:20"),
            L("Your friend Jake gave me your name"),
            R("ok?"),
            L("I know where you go to school. send 250 euros"),
            L("my email is sofia.pay22@gmail.com for the voucher"),
            R("no"),
        ),
        (("email", "sofiapay22@gmail.com"),),  # gmail: dots dropped
        split="heldout",
        battery=34,
    ),
    Case(
        "whatsapp_dark_marcus",
        "whatsapp",
        True,
        "Marcus",
        (
            sep("Friday"),
            L("Alright mate, saw your gaming stream", "18:02"),
            R("thanks man", "18:10"),
            L("join my telegram t.me/marcus_deals for free skins", "18:11"),
            R("ok joined", "18:20"),
            sep("Yesterday"),
            L("those pics you sent me are going on your insta", "22:47"),
            L("unless revolut.me/marcusk7 gets 180 pounds", "22:48"),
            R("I don't have 180", "22:50"),
            L("borrow it. you have until midnight", "22:51"),
            sep("TODAY"),
            L("times up. 400 now, add me on kik marcus.k7", "00:03"),
            R("please give me a week", "00:15"),
            L("no. Google play codes also fine", "00:16"),
            R("where am I supposed to get that at night", "00:17"),
            L("24 hour shop. go now", "00:17"),
            L("I'm sending the first pic to your cousin in 20 min", "00:18"),
            R("ok ok I'm going", "00:18"),
            L("send a photo of the receipt", "00:19"),
            R("fine", "00:19"),
            L("and don't tell anyone or it's worse", "00:20"),
            R("I won't", "00:20"),
            L("good", "00:20"),
            L("waiting", "00:21"),
            R("the shop is closed", "00:34"),
            L("liar. send me a photo of the door", "00:35"),
            R("I can't go out, my parents will hear", "00:36"),
            L("your problem. 15 minutes", "00:36"),
            R("please", "00:40"),
        ),
        (
            ("handle", "telegram:marcus_deals"),
            ("payment_handle", "revolut:marcusk7"),
            ("handle", "kik:marcus.k7"),
        ),
        pages=3,
        overlap=7,
        split="heldout",
        clocks=("00:20", "00:21", "00:21"),
        battery=48,
    ),
    Case(
        "instagram_dark_harper",
        "instagram",
        True,
        "harper.lou",
        (
            sep("Thu 14 Mar 20:15"),
            L("omg ur so funny in ur stories"),
            R("haha ty"),
            L("wanna see something? switch to snap, mine is harperlou.x"),
            R("sure"),
            sep("Thu 14 Mar 23:30"),
            L("I have screen recorded you"),
            L("pay 120 in Razer Gold: RZ4K-7QPM-2XWN"),
            L("or paypal harper.lou.pay@yahoo.co.uk"),
            R("ok ok I will pay tomorrow"),
            L("tonight."),
            R("I have to wait for my mum to sleep"),
            L("fine. message me the second you have it"),
            L("don't try anything"),
            R("I won't"),
            L("and delete this chat after"),
        ),
        (
            ("handle", "snapchat:harperlou.x"),
            ("gift_card", "razer:RZ4K7QPM2XWN"),
            ("email", "harper.lou.pay@yahoo.co.uk"),
        ),
        pages=2,
        split="heldout",
        clocks=("23:41", "23:42"),
    ),
    Case(
        "imessage_light_jordan",
        "imessage",
        False,
        "Jordan",
        (
            sep("Wednesday 10:30 PM"),
            L("hey it's jordan from the swim team"),
            R("hey!"),
            L("can you send a pic? just for me"),
            sep("Thursday 8:15 AM"),
            L("Everyone gets your pic unless you pay $350 by Friday"),
            R("I'm calling the police", receipt="Delivered"),
        ),
        (),
        split="heldout",
        clocks=("8:20",),
    ),
    Case(
        "snapchat_light_ella",
        "snapchat",
        False,
        "Ella",
        (
            sep("Today"),
            L("hiii we met at the festival"),
            R("oh yeah hi"),
            L("I made a video of us. my bestie says u should pay"),
            L("£80 to cashapp $EllaBellz or she posts it"),
            R("I'm blocking you"),
        ),
        (("payment_handle", "cashapp:ellabellz"),),
        split="heldout",
    ),
    Case(
        "snapchat_dark_leo",
        "snapchat",
        True,
        "Leo",
        (
            sep("Sunday"),
            L("ur friend said ur single"),
            R("lol who"),
            sep("Today"),
            L("I have the pics. 3 steam cards, 50 each"),
            L("STEAM code 9QZ3-V7MK-LP2X first"),
            R("stop messaging me"),
        ),
        (("gift_card", "steam:9QZ3V7MKLP2X"),),
        split="heldout",
        battery=12,
    ),
    Case(
        "messenger_light_aisha",
        "messenger",
        False,
        "Aisha Khan",
        (
            sep("Today 13:05"),
            L("salam, saw your profile"),
            R("hi"),
            L("add me on insta aisha.k_22 its easier"),
            sep("Today 19:48"),
            L("I have your photos. send 0.05 ETH to 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"),
            R("that is not fair"),
        ),
        (
            ("handle", "instagram:aisha.k_22"),
            ("crypto_wallet", "eth:0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"),
        ),
        split="heldout",
    ),
    # ------------------------------------------- late held-out set: measured once, at the end
    Case(
        "whatsapp_light_daniel_large",
        "whatsapp",
        False,
        "Daniel K",
        (
            sep("Yesterday"),
            L("Hey, found you through the football group", "19:41"),
            R("hey whats up", "19:45"),
            L("you seem cool, got snap? mine is dan.k_2008", "19:46"),
            R("I mostly use this", "19:50"),
            L("fair. send a selfie then", "19:51"),
            R("why", "19:58"),
            sep("TODAY"),
            L("So I've got the video from last night", "07:02"),
            L("Everyone in the football group gets it at 9", "07:02"),
            L(
                "unless £350 goes to my mate, pay by bank: sort code 04-00-04 account 12345678",
                "07:03",
            ),
            R("I'm at school I can't do anything", "07:15"),
            L("then ask your mum for her card", "07:16"),
            L("or email danielk.pays@proton.me with an excuse", "07:17"),
            R("please just delete it", "07:30"),
            L("8 minutes", "07:52"),
        ),
        (
            ("handle", "snapchat:dan.k_2008"),
            ("bank_account", "040004-12345678"),
            ("email", "danielk.pays@proton.me"),
        ),
        pages=2,
        split="heldout2",
        scale=1.5,
        twelve_hour=True,
        offset=-40,
        clocks=("7:53", "7:53"),
        battery=80,
    ),
    Case(
        "instagram_dark_mila_cut",
        "instagram",
        True,
        "its.mila.xo",
        (
            sep("Fri 8 Mar 22:05"),
            L("hey stranger"),
            L("ur friend from art class said to message u"),
            R("oh cool, who?"),
            L("she'd kill me if I said. what are you up to"),
            R("nothing much, bored"),
            L("we should facetime sometime"),
            R("maybe"),
            sep("Sat 9 Mar 00:40"),
            L("so that facetime was fun. I recorded all of it"),
            L("$200 to $MilaXO2024 on Cash App in the next hour"),
            L("or it goes to every follower, starting with your mum"),
            R("you said you were 16"),
            L("doesn't matter now does it"),
            L("add me on snap mila.xo24 and send proof of payment"),
            R("ok I'll try, please don't post anything"),
            L("clock is ticking"),
        ),
        (("payment_handle", "cashapp:milaxo2024"), ("handle", "snapchat:mila.xo24")),
        pages=2,
        split="heldout2",
        offset=-45,
        clocks=("00:52", "00:53"),
        battery=19,
    ),
    Case(
        "imessage_light_ben",
        "imessage",
        False,
        "Ben",
        (
            sep("Saturday 11:20 PM"),
            L("hey, is this Chris from year 11?"),
            R("yeah who's this"),
            L("Ben, we met at Sophie's party"),
            sep("Today 1:05 AM"),
            L("I've got your pics. send 0.02 ETH to 0x52908400098527886E0F7030069857D2E4169EE7"),
            L("or message me on telegram @ben_collects"),
            R("I'm blocking you", receipt="Read 01:09"),
        ),
        (
            ("crypto_wallet", "eth:0x52908400098527886e0f7030069857d2e4169ee7"),
            ("handle", "telegram:ben_collects"),
        ),
        split="heldout2",
        clocks=("1:12",),
        battery=66,
    ),
    Case(
        "snapchat_dark_jake_cut",
        "snapchat",
        True,
        "Jake",
        (
            sep("Thursday"),
            L("yo, rate my new trainers"),
            R("sick"),
            L("haha thanks, you play for the under 16s right"),
            R("yeah midfield"),
            L("nice. I'm in the year above"),
            sep("Today"),
            L("you shouldn't have sent that pic"),
            L("your whole team is on my story list"),
            R("what do you want"),
            L("50 quid on a roblox card, code first"),
            R("I only have 20"),
            L("then 20 now, 30 tomorrow. paypal.me/jakeprice07"),
            R("ok"),
            L("don't be late"),
        ),
        (("payment_handle", "paypal:jakeprice07"),),
        pages=2,
        overlap=3,
        split="heldout2",
        offset=-30,
        battery=5,
    ),
    Case(
        "whatsapp_dark_kai_jpeg",
        "whatsapp",
        True,
        "Kai",
        (
            sep("Yesterday"),
            L("hey you dropped this at the bus stop lol", "16:40"),
            R("what?", "16:52"),
            L("joking. you're cute though. how old are you", "16:53"),
            R("16, you?", "16:55"),
            sep("TODAY"),
            L("I kept everything from last night", "09:12"),
            L("$300 to $KaiPays on Cash App or it goes online", "09:12"),
            L("receipt to kai.moneyman@hotmail.co.uk", "09:13"),
            R("I'm telling someone", "09:40"),
        ),
        (("payment_handle", "cashapp:kaipays"), ("email", "kai.moneyman@hotmail.co.uk")),
        split="heldout2",
        jpeg=55,
        shrink=0.75,
        battery=30,
    ),
    Case(
        "instagram_light_ruby_jpeg",
        "instagram",
        False,
        "ruby.j.x",
        (
            sep("Sun 10 Mar 18:02"),
            L("heyy, love your gym posts"),
            R("aw thanks"),
            L("we should train together sometime"),
            R("where do you go?"),
            L("the one by the station. dm me your number"),
            R("I'd rather chat here"),
            sep("Sun 10 Mar 23:48"),
            L("so those videos you sent are saved"),
            L("0.004 btc to this wallet"),
            L("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3"),
            R("I don't even know how to buy bitcoin"),
            L("figure it out. 2 hours"),
            R("please, I'm scared"),
            L("should've thought of that"),
        ),
        (
            (
                "crypto_wallet",
                "btc:bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
            ),
        ),
        pages=2,
        split="heldout2",
        jpeg=60,
        shrink=0.8,
        clocks=("23:55", "23:56"),
    ),
)
