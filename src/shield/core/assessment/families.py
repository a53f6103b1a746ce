"""Indicator families: the explainable signals of the financial sextortion script.

Each family is one named pattern over normal text (see ``normal.py``: leetspeak, look-alike
letters, spaced letters and emoji are already folded), the stage it points to (if any), and its
own examples and counter-examples, which one contract test runs. A hit is evidence, not a
verdict: the risk model weighs hits together with character n-grams, and coercive stages are
only labelled when the message (or the conversation) is judged to be sextortion.

Every pattern is a set of alternatives with bounded gaps (``{0,3}``), so matching stays linear
in the (capped) input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shield.core.assessment.normal import NormalText

YOU = r"(?:you|u|ya|yu|your|ur|yours|urs|youre|you're|ure)"
POSS = r"(?:your|ur|ya|yo|all (?:your|ur)|all|the|ur own|those|these|them|that|this|our)"
CONTENT = (
    r"(?:nudes?|noodz?|nudez|noods?|nudies|nakeds?|naked (?:pics?|photos?|vids?|videos?)|"
    r"pics?|pix|pictures?|photos?|fotos?|images?|imgs?|vids?|videos?|vidz|clips?|recordings?|"
    r"footage|tape|screen ?shots?|content|dick ?pics?|d ?pics?|private (?:pics?|photos?|"
    r"videos?|vids?|stuff|parts?)|sexy (?:pics?|photos?|videos?|vids?)|explicit \w+|"
    r"intimate \w+|what (?:you|u) did|wat u did|what we did|everything|it all|stuff)"
)
SHARE = (
    r"(?:send|sending|sned|sent|post|posting|share|sharing|leak|leaking|upload|uploading|"
    r"expose|exposing|publish|publishing|spread|spreading|forward|forwarding|drop|dropping|put|"
    r"putting|show|showing|tag|tagging|blast|blasting|release|releasing|distribute|dm|mass dm|"
    r"broadcast)"
)
AUDIENCE = (
    r"(?:friends?|frends?|frnds?|mates|fam|family|famly|famiy|families|relatives|mum|mom|mam|"
    r"mother|dad|father|parents?|brothers?|sisters?|sis|cousins?|grandma|gran|nan|aunt|uncle|"
    r"followers?|folowers|following|follow list|followers list|contacts?|contact list|"
    r"friends? list|school|skool|class|classmates?|teachers?|college|uni|university|campus|"
    r"work|job|boss|employer|colleagues?|coworkers?|manager|girlfriend|gf|boyfriend|bf|wife|"
    r"husband|partner|church|mosque|team|coach|neighbou?rs?|community|everyone|every ?1|"
    r"every ?one|everybody|evryone|the whole (?:school|world|internet|town)|the internet|"
    r"internet|online|social media|porn ?sites?|pornhub|xvideos|insta(?:gram)?|ig|facebook|fb|"
    r"tiktok|twitter|snap(?:chat)? story|story|dms|group ?chats?)"
)
STRONG_POSS = r"(?:your|ur|ya|yo|ur own|your own|those|these|all (?:your|ur|ya))"
EXPLICIT = (
    r"(?:nudes?|noodz?|nudez|noods?|nudies|naked|nakid|dick ?pics?|d ?pics?|explicit|sex \w+)"
)
LEAK = (
    r"(?:leak|leaking|expose|exposing|upload|uploading|publish|publishing|spread|spreading|"
    r"release|releasing|distribute|blast|blasting|mass dm)"
)
AUD_POSS = (
    r"(?:(?:all\W+)?(?:your|ur|ya|my|his|her)\W+(?:own\W+)?(?:\w+\W+)?"
    r"(?:friends?|frends?|frnds?|fam|family|mum|mom|mam|mother|father|dad|parents?|brother|"
    r"sister|sis|followers?|town|world|city|village|year group|"
    r"contacts?|school|class|classmates|teachers?|boss|employer|colleagues|girlfriend|gf|"
    r"boyfriend|wife|husband|grandma|gran|nan|cousins?|relatives|aunt\w*|uncle|coach|team|"
    r"church|mates|family members?|people|uni|college|work|lecturers)|everyone|every ?1|"
    r"everybody|evryone|the whole \w+)"
)
FUTURE = (
    r"(?:i ?will|i'?ll|ill|i'?m gonna|im gonna|imma|ima|i'?m going to|im going to|"
    r"i am going to|gonna|going to|will|i'?ll be|i can|we will|we'?ll)"
)


@dataclass(frozen=True)
class Family:
    """One indicator family: a pattern, the stage it points to, and its own examples."""

    name: str
    stage: str | None
    about: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class Hit:
    family: str
    phrase: str
    start: int
    end: int


def _family(  # noqa: PLR0917
    name: str,
    stage: str | None,
    about: str,
    alternatives: list[str],
    examples: tuple[str, ...],
    counter: tuple[str, ...],
) -> Family:
    # Alternatives that start at a word boundary share one look-behind, so the scan tests the
    # boundary once per position and each branch's first letter rejects it at once.
    at_word = [a[2:] for a in alternatives if a.startswith(r"\b")]
    elsewhere = [a for a in alternatives if not a.startswith(r"\b")]
    parts = [r"(?<!\w)(?:" + "|".join(f"(?:{a})" for a in at_word) + ")"] if at_word else []
    parts += [f"(?:{a})" for a in elsewhere]
    return Family(name, stage, about, re.compile("|".join(parts)), examples, counter)


FAMILIES: tuple[Family, ...] = (
    _family(
        "threat",
        "threat",
        "threat to send, post or leak content, or to ruin the reader's life",
        [
            rf"\b{FUTURE}(?:\W+\w+){{0,4}}?\W+{SHARE}\b(?:\W+\w+){{0,5}}?\W+{AUDIENCE}\b",
            rf"\b{FUTURE}(?:\W+\w+){{0,3}}?\W+{SHARE}\W+(?:{STRONG_POSS}\W+)(?:\w+\W+)?{CONTENT}\b",
            rf"\b{FUTURE}(?:\W+\w+){{0,3}}?\W+{SHARE}\W+(?:\w+\W+){{0,2}}?{EXPLICIT}\b",
            rf"\b{FUTURE}(?:\W+\w+){{0,3}}?\W+{LEAK}\b",
            rf"\b{SHARE}\W+(?:it|this|them|these|everything|{POSS}\W+{CONTENT})\W+"
            rf"(?:\w+\W+){{0,3}}?(?:to|2|on|with|in|around|across|for)\W+(?:\w+\W+){{0,2}}?"
            rf"{AUDIENCE}\b",
            rf"\bruin(?:ing)?\W+{YOU}\W+(?:\w+\W+)?(?:life|lyf|reputation|rep|future|career|name)",
            rf"\b(?:destroy|end)\W+{YOU}\W+(?:life|lyf|reputation|career|future)",
            r"\bdestroy (?:you|u)\b",
            rf"\b(?:make|making|go|going|gonna go|will go|goes)\W+(?:{YOU}\W+|it\W+|this\W+)?"
            r"(?:go\W+)?(?:viral|famous)",
            rf"\b(?:everyone|every ?1|everybody|all|{YOU}\W+(?:\w+\W+)?{AUDIENCE}|they)\W+"
            r"(?:will|gonna|going to|is going to|are going to|'ll|ll)\W+(?:\w+\W+)?"
            r"(?:see|know|watch|find out|get|receive|laugh)",
            rf"\b(?:{YOU}|ya)\W+(?:life|lyf)\W+(?:is|will be|'ll be|gonna be)\W+(?:over|finished|"
            r"done|ruined)",
            rf"\b(?:before|or|else)\W+(?:i|we)\W+(?:\w+\W+)?{SHARE}\b",
            rf"\bexpose\W+{YOU}\b",
            r"\bwatch (?:ur|your|ya) (?:life|world|reputation|future) "
            r"(?:burn|fall apart|end|crash)",
            rf"\b(?:or|else|otherwise|if not|then|and|before)\W+(?:\w+\W+){{0,2}}?{AUD_POSS}\W+"
            r"(?:\w+\W+){0,2}?(?:gets?|sees?|receives?|will (?:see|get|receive)|gonna (?:see|get)|"
            r"finds? out|watch(?:es)?|will be (?:contacted|told|informed|messaged|tagged))\b",
            rf"\b(?:it|this|they|them|{POSS}\W+(?:\w+\W+)?{CONTENT})\W+(?:goes|go|going|gonna go|"
            r"is going|will go|ends? up|hits?|gets? (?:sent|posted|shared)|is sent|will be "
            r"(?:sent|posted|shared|everywhere|online))\W+(?:\w+\W+){0,2}?(?:to|2|on|in|out|online|"
            r"public|viral|everywhere|live|into)\b",
            r"\b(?:i|we|ill|i'll|imma|ima)\W+(?:\w+\W+)?(?:post|leak|upload|send|share|expose|"
            r"publish|blast|forward)\W+(?:it|them|this|everything|that)\b",
            rf"\b{SHARE}\W+(?:\w+\W+){{0,2}}?(?:to\W+|with\W+)?{AUD_POSS}\b",
            r"\b(?:viral|famous)\W+(?:your|ur|his|her|my)\b|\bgo(?:ing)? public\b",
            r"\bstart (?:with|sending|posting|messaging|dming|tagging)\b",
            rf"\bmass (?:messag\w*|dm\w*|send\w*)\W+{AUD_POSS}",
            r"\bthreat\w* to (?:share|send|post|leak|expose|publish|release|upload|show|tell)\b",
            r"\b(?:he|she|they|someone|it)(?:'ll| will|ll|'d| would| is gonna| are gonna| is going "
            r"to| are going to| can)? (?:\w+ )?(?:post|share|send|leak|upload|expose|publish|"
            r"spread)\w* (?:it|them|my|his|her|the|this|everything)\b",
            r"\b(?:blackmail\w*|threaten\w*|extort\w*) (?:me|him|her|us|my \w+)(?: \w+)? with\b",
            r"\bmake\W+(?:\w+\W+){1,3}?(?:viral|famous)\b",
            rf"\b(?:{YOU}|my|his|her)\W+(?:life|lyf|career|reputation|future|marriage|name)\W+"
            r"(?:is|will be|'?ll be|gonna be|is going to be)\W+(?:over|finished|done|ruined|"
            r"destroyed)",
            r"\bruin(?:ing)?\W+(?:my|his|her)\W+(?:\w+\W+)?(?:life|reputation|future|career)",
            rf"\bwant\W+(?:your|ur|ya)\W+(?:\w+\W+)?{AUDIENCE}\W+(?:to see|seeing|see)",
            r"\bor (?:i|we)(?:'ll| will|ll)? (?:tell|inform|message|contact|call|show) "
            r"(?:your|ur)\b",
            r"\b(?:it'?ll|it will|they'?ll|they will) be (?:everywhere|all over|online|on every)",
            r"\b(?:publish|leak|upload|post)\w* (?:it|them|everything|this) (?:online|everywhere)",
        ],
        (
            "pay or i send the vid to all ur followers",
            "i'll post ur nudes on ur school page",
            "ima ruin ur life",
            "I'll make u viral",
            "everyone on ur friends list will see it",
            "or i share this with ur fam",
        ),
        (
            "send me the notes for class",
            "I'll post the pictures from the party tomorrow",
            "your life will be great",
        ),
    ),
    _family(
        "audience",
        None,
        "names who would see it: friends, family, followers, school, work, everyone",
        [
            rf"\b(?:{YOU}|all|ya|every\w*(?: one)? (?:of|in|on) (?:your|ur))\W+(?:own\W+)?"
            rf"{AUDIENCE}\b",
            r"\b(?:everyone|every ?1|everybody|evryone) (?:you know|u know|on|in|at)\b",
            r"\bthe whole (?:school|world|internet|town)\b",
            r"\b(?:pornhub|xvideos|porn ?sites?)\b",
        ],
        ("send it to ur fam", "everyone you know", "all your followers"),
        ("my family is fine", "the whole thing"),
    ),
    _family(
        "payment",
        "payment_demand",
        "money, gift cards or crypto, an amount, or a way to pay",
        [
            r"\b(?:pay|pays|paid|payin|paying|payment|pymt|paypal|money|cash|funds|transfer|wire|"
            r"wired)\b",
            r"\b(?:send|pay|transfer|give|need|want)\w*\W+(?:me\W+)?(?:another\W+)?\d+\b",
            r"\b\d+ (?:more|extra)\b|\b(?:another|the|a) card\b|\bcard codes?\b",
            r"\b\d[\d,.]* ?(?:quid|pounds?|dollars?|usd|gbp|eur|euros?|bucks|k|naira|cad|aud)\b",
            r"[£$€] ?\d[\d,.]*k?|\b\d+ ?[£$€]",
            r"\b(?:gift ?cards?|steam ?(?:cards?|gift|wallet)|itunes|apple (?:card|gift)|"
            r"google ?play|amazon (?:card|gift|voucher)|razer|xbox (?:card|gift)|psn card|"
            r"roblox (?:card|gift)|robux|vouchers?|paysafe\w*)\b",
            r"\b(?:crypto|bitcoin|btc|usdt|tether|eth|ethereum|litecoin|ltc|wallet address|"
            r"wallet)\b",
            r"\b(?:cash ?app|cashtag|venmo|zelle|revolut|western union|moneygram|skrill|chime|"
            r"monzo|wise)\b",
            r"\b(?:bank (?:details|transfer|account)|sort ?code|account (?:number|no)|iban)\b",
        ],
        ("p@y me £200", "send 50 quid", "buy a steam card", "send btc to this wallet"),
        ("see you at school", "i like this video"),
    ),
    _family(
        "deadline",
        "escalation",
        "a deadline, countdown or hurry",
        [
            r"\b(?:you|u|ya) (?:have|got|get|hav) (?:only |just )?(?:\d+|one|two|three|five|ten|"
            r"fifteen|twenty|thirty|an?) ?(?:min|mins|minutes?|hrs?|hours?|secs?|seconds?|days?)",
            r"\b\d+ ?(?:min|mins|minutes|hrs|hours|secs|seconds) (?:left|to|or|before|from now)\b",
            r"\bcount ?down|\bclock(?:'?s| is)? ticking|\btick ?tock|\bclock\b",
            r"\btimes? (?:is )?up\b|\btime'?s up|\bout of time|\bno more time",
            r"\b(?:before|by|until|till) (?:midnight|tonight|tomorrow|morning|the end of|"
            r"\d\d?(?::\d\d)? ?(?:am|pm)?\b)",
            r"\b(?:last|final) (?:chance|warning)",
            r"\b(?:hurry|hury|quick|quickly|asap|fast|right now|now now|immediately)\b",
            r"\bi'?m waiting|\bim waiting|\bwaiting\b|\bstill waiting",
        ],
        ("u have 10 min", "tick tock ⏰", "last chance", "by midnight or else"),
        ("see you in the morning", "that was a good hour"),
    ),
    _family(
        "capture",
        "capture",
        "says they recorded, saved or hacked the reader's content",
        [
            r"\b(?:i|we)(?: have| got|'ve got|ve got|'ve|ve| just| already)? ?(?:screen ?)?"
            r"record(?:ed|ing)? (?:you|u|ur|your|it|everything|our|the call|what|all)\b",
            r"\bscreen ?record\w*|\bscreen ?shot(?:ted)? (?:everything|it all|ur|your|the call)",
            rf"\b(?:i|we) (?:have|got|saved|kept|captured|took|own|hav)\W+(?:all\W+|every\W+)?"
            rf"(?:{POSS}\W+)?(?:\w+\W+)?{CONTENT}\b",
            r"\b(?:i|we) (?:saved|captured|recorded|kept) (?:it|everything|all|u|you|the call)",
            r"\brecorded (?:you|u|everything|it|our|the|what)\b",
            r"\b(?:hacked|hacking)\b",
            r"\bi (?:have|got|now have) access\b",
            r"\b(?:got|have) (?:you|u) on (?:cam|camera|video|tape)",
            r"\blook what i (?:have|got)|\bsee what i (?:have|got)|\bon (?:tape|camera)\b",
            r"\b(?:its|it's|this is|that's|thats|here's|heres) (?:ur|your|ya) (?:video|vid|pics?|"
            r"nudes?|noodz|recording|clip)\b",
        ],
        ("i screen recorded our call", "i h@ve ur n00dz", "we hacked ur account"),
        ("i recorded a song", "the menu looks good"),
    ),
    _family(
        "fabrication",
        "capture",
        "an edited or fake image: collage, photoshop, deepfake, face swap",
        [
            r"\b(?:collage|photoshop\w*|deep ?fakes?|face ?swap\w*|morph\w*|edit (?:it|ur|"
            r"your|you))\b",
            r"\bedited (?:\w+ )?(?:pics?|photos?|images?|version|nudes?|videos?|vids?)\b",
            r"\bai (?:nudes?|pics?|photos?|edit|image)\b",
            r"\b(?:put|paste|add) (?:your|ur) face\b",
            r"\bon (?:a|another|some) naked body\b",
        ],
        ("i made a collage of ur pics", "i will put ur face on a naked body", "ai nudes of u"),
        ("i edited my essay", "nice face"),
    ),
    _family(
        "proof",
        "escalation",
        "proof of reach: the followers or contacts list, where they live, or content already sent",
        [
            r"\b(?:your|ur|ya|all) (?:follow(?:er|ing)?s? ?list|friends? ?list|contacts? ?list)",
            r"\blist of (?:your|ur|ya)\b|\bscreen ?shot of (?:your|ur|ya)\b",
            r"\b(?:i|we) (?:have|got|know|found|saved|screenshotted|can see)\W+(?:all\W+)?"
            r"(?:your|ur|ya) (?:followers?|following|friends?|contacts?|family|fam|school|"
            r"address|mum|mom|dad|sister|brother|parents|girlfriend|gf|classmates?|teachers?)",
            r"\b(?:i|we) know where (?:you|u) (?:live|go to school|work|study)",
            r"\balready (?:sent|started|posted|shared|sending|dmed|messaged)",
            r"\bhere(?:'?s| is) (?:the )?proof|\bproof\b|\bsee (?:this|these)\b",
            r"\b(?:sent|send) (?:it|one|a pic|a copy) to (?:your|ur) \w+ (?:already|now)",
        ],
        ("i have all ur followers list", "i know where u live", "already sent it to ur sister"),
        ("my friend list is short", "i know you"),
    ),
    _family(
        "more_demand",
        "escalation",
        "a further demand after payment or refusal",
        [
            r"\b(?:pay|send|give|want|need|transfer)\W+(?:me\W+)?(?:more|another|again|the rest|"
            r"double|extra)\b",
            r"\bnot enough\b|\bone more (?:time|payment|card)|\banother (?:\d|one|card|payment)",
            r"\bthe rest\b|\bmore money\b|\bstill (?:need|want)\b|\b\d+ more\b",
            r"\bthat'?s not (?:enough|all)|\bnow (?:send|pay) (?:the )?(?:rest|more|another)",
        ],
        ("now send another 100", "not enough, pay more", "i want the rest"),
        ("thanks, that's plenty", "see you again"),
    ),
    _family(
        "coercion",
        None,
        "the grammar of a threat: or else, unless, if you block, don't test me",
        [
            r"\bor else\b|\bunless\b|\botherwise\b",
            r"\bif (?:you|u|ya) (?:don'?t|dont|do not|refuse|block|ignore|tell|report|go|"
            r"try|delete|leave|say no|wont|won'?t)",
            r"\bor (?:i|ill|i'll|i will|im|i'm|everyone|your|ur|they)\b",
            r"\b(?:don'?t|dont|do not|dare) (?:block|ignore|test|play|try|tell|report|delete)",
            r"\btry me\b|\bwatch me\b|\bno (?:games|jokes|excuses)\b",
            r"\bi'?m (?:not joking|serious|not playing)|\bi am (?:serious|not joking)",
            r"\bdo (?:as|what) i (?:say|tell)|\bcooperate\b|\blisten (?:carefully|to me)\b",
            r"\bregret\b|\byou have been warned\b",
        ],
        ("pay or else", "if u block me", "don't test me", "unless you pay"),
        ("i like it", "what else"),
    ),
    _family(
        "content",
        None,
        "names intimate content: nudes, naked pics, the video, explicit or sexual material",
        [
            rf"\b(?:your|ur|ya|those|these|that|this|our|the)\W+(?:own\W+)?{CONTENT}\b",
            r"\b(?:nudes?|noodz?|nudez|noods?|naked|nakid|explicit|intimate|sexual|sexy|sex|"
            r"dick|cock|pussy|tits|boobs|wank\w*|jerk\w*|masturbat\w*|porn\w*|nsfw|"
            r"private parts)\b",
        ],
        ("ur n00dz", "the video", "naked pics"),
        ("a nice day", "my homework"),
    ),
    _family(
        "intimate_request",
        "intimate_request",
        "asks for intimate images, video or acts",
        [
            r"\b(?:send|snd|show|give|drop|take|share|flash|let me see|wanna see|want to see|"
            r"can i see|need to see|i wanna see|show it|pic of|photo of)(?:\W+\w+){0,3}?\W+"
            r"(?:nudes?|noods?|noodz|nudez|naked|nakid|dick|cock|pussy|tits|boobs|butt|ass|"
            r"body|bod|private|spicy|sexy|hot|something hot|something sexy|without (?:clothes|ur "
            r"clothes|your clothes|anything on)|undress\w*|underwear|boxers|abs|down there)\b",
            r"\b(?:send|show|give|can i (?:have|get|see)) (?:me |us )?"
            r"(?:a |another |more |one more |some |1 )?(?:pic|pics|photo|photos|video|vid|vids|"
            r"selfie|selfies)"
            r"(?: of (?:you|u|urself|yourself|ur body|your body))?"
            r"(?=\W*(?:$|kiss|love|devil|hot|or |and |before|tonight|pls|please|babe|baby|now|"
            r"in ))",
            r"\bget naked|\btake (?:it|them|ur clothes|your clothes|everything|ur shirt|your "
            r"shirt|ur top|your top) off|\bstrip\b|\bundress\b",
            r"\btouch (?:yourself|urself|ur self)|\bjerk (?:off|it)|\bwank\w*|\bmasturbat\w*",
            r"\bshow me (?:more|everything|it|ur|your)",
            r"\b(?:pics?|photos?|vid\w*) (?:without|with no) (?:clothes|ur clothes|your clothes)",
        ],
        ("send me a n00d", "take ur shirt off", "show me more 😈", "touch yourself on cam"),
        ("send me the address", "show me the way"),
    ),
    _family(
        "platform_move",
        "platform_move",
        "asks to move to another app, to a video call, or to private settings",
        [
            r"\b(?:add|follow|message|text|dm|hmu|hit me up|find|call) (?:me|us) (?:up )?"
            r"(?:on|at|over on)\b",
            r"\bwhat'?s (?:your|ur|ya) (?:snap|sc|insta|ig|whatsapp|whatsap|number|telegram|kik|"
            r"discord|skype|wa)",
            r"\b(?:move|switch|go|talk|chat|continue|come) (?:to|over to|onto) (?:snap|"
            r"snapchat|insta|instagram|whatsapp|telegram|kik|discord|skype|hangouts|google meet|"
            r"facetime|video|private|wizz|yubo)",
            r"\b(?:let'?s|lets|can we|wanna|want to|shall we|we do|do a|u wanna|you wanna)\W+"
            r"(?:\w+\W+)?(?:video ?(?:call|chat)|facetime|vc|cam)\b",
            r"\b(?:video ?call|facetime|facetym|vc|skype|cam) (?:me|now|later|tonight|rn)\b",
            r"\bcam ?2 ?cam\b",
            r"\b(?:make|set|switch) (?:your|ur) (?:account|profile|acc|insta|page) (?:private|"
            r"public)|\baccept (?:my|the) (?:follow )?request",
            r"\b(?:snap|sc|insta|ig|whatsapp|telegram|kik|discord)\W+(?:me|is|id|name)\b",
            r"\bprivate (?:chat|room|call)\b",
        ],
        ("add me on snap", "what's ur whatsapp", "let's video call", "make ur acc private"),
        ("my snap streak died", "the video was funny"),
    ),
    _family(
        "approach",
        "approach",
        "first contact and flattery: compliments, a fake persona, a stranger's friend request",
        [
            r"\b(?:hey|hi|hello|hiya|heyy|hii) (?:there )?(?:cutie|handsome|beautiful|gorgeous|"
            r"sexy|babe|baby|dear|stranger|sweetie|sweety|hun|hon|sweetheart)",
            rf"\b(?:{YOU} (?:are|r|look|looking|seem)?|so|such a) ?(?:so |really |very |rly )?"
            r"(?:cute|handsome|hot|fit|beautiful|gorgeous|sexy|pretty|attractive|stunning|fine|"
            r"charming)\b",
            r"\bsaw (?:your|ur) (?:profile|pics?|page|story|post|photos?)",
            r"\bmutual (?:friends?|follow\w*)|\bwe have mutuals",
            r"\bnew (?:here|in town|to this app|to the area)\b",
            r"\bhow old (?:are|r) (?:you|u)|\bwhere (?:are|r) (?:you|u) from|\bhbu\b|\basl\b",
            r"\b(?:are|r) (?:you|u) single|\bwanna be friends|\bcan we be friends",
            r"\bi'?m \d\d? ?(?:too|as well|also|and|f|m|yo|years)\b|\b1[3-9] ?[fm]\b",
            r"\blooking for (?:fun|friends|someone|a friend)|\bu seem (?:nice|cool|fun|sweet)",
            r"\byou seem (?:nice|cool|fun|sweet)|\bcan we (?:chat|talk)\b",
        ],
        ("hey cutie", "u r so h0t", "saw ur profile", "how old r u", "im 17 too"),
        ("the weather is fine", "how are you"),
    ),
    _family(
        "report",
        None,
        "someone telling what is being done to them or their child, or asking for help",
        [
            r"\b(?:he|she|they|someone|somebody|this (?:guy|girl|person|account)|a (?:guy|girl|"
            r"person|man|woman)|some (?:guy|girl|account|one))(?:'?s| is| are| was|'re| were| "
            r"keeps| has| had)? (?:threaten|blackmail|black mail|extort|demand)\w*",
            r"\b(?:says|said|told me|telling me|saying|messaged me|keeps saying) (?:that )?"
            r"(?:he|she|they|he'?s|she'?s|they'?re|theyre|hes|shes|it)(?:'ll| will|ll| is gonna|"
            r"s gonna| are gonna| is going to| are going to| would|'d|d| can)?\b(?:\W+\w+){0,3}?"
            r"\W+(?:send|post|share|leak|expose|show|ruin|upload)",
            r"\b(?:he|she|they|someone|this guy|this girl) (?:wants|want|is asking for|asked for|"
            r"asking for|demanded|is demanding|needs) (?:\w+ )?(?:money|£|\$|\d|cash|gift|more)",
            r"\b(?:threatening|blackmailing|extorting) (?:me|my|us|him|her)\b",
            r"\bblackmail\w* (?:me|my|us)\b|\bextort\w* (?:me|my)\b|\bi'?m being\b",
            r"\b(?:help me|what do i do|what should i do|what can i do|i don'?t know what to do|"
            r"idk what to do|please help|pls help|plz help|need help|scared|terrified|panicking)\b",
            r"\bmy (?:son|daughter|child|kid|boy|girl|teen|brother|sister|grandson|nephew)\b",
            r"\bi (?:sent|paid|gave|shared)(?:\W+\w+){0,3}?\W+(?:him|her|them|pics?|nudes?|"
            r"photos?|video|money|£|\$)",
        ],
        ("he is threatening me", "someone says he'll post my pics", "what do i do"),
        ("they said hi", "i paid the bill"),
    ),
    _family(
        "commentary",
        None,
        "writing about sextortion rather than doing it: news, police advice, warnings",
        [
            r"\b(?:police|officers?|detectives?|inspector|force|warn(?:ing|ed|s)?|advice|"
            r"victims?|offenders?|criminals?|scammers?|blackmailers?|perpetrators?|sextortion|"
            r"ceop|childline|helpline|nca|fbi|ncmec|charity|campaign|awareness|teenagers?|"
            r"people|parents|young people|users|reports?|cases|investigat\w*|statistics|"
            r"according|article|news|research|study|guidance|webinar|assembly|lesson)\b",
            r"\b(?:never|don'?t|do not) (?:pay|send|share|accept|engage|reply)\b",
            r"\bif (?:you'?re|you are|u r|someone|anyone)\b",
            r"\b(?:be careful|be aware|stay safe|online safety|report (?:it|them|to))\b",
        ],
        ("police warn of sextortion", "never pay", "be careful online"),
        ("pay me now", "i love u"),
    ),
    _family(
        "banter",
        None,
        "laughter and teasing between people who know each other",
        [
            r"\b(?:lol+|lmao+|lmfao|rofl|haha\w*|hehe\w*|jk|xd|just kidding|joking|jokin|"
            r"banter|bruh|cringe|mate|bestie|bro|dude|m8|innit|bless)\b",
        ],
        ("lol", "haha jk", "bro 😂"),
        ("pay me", "send it"),
    ),
    _family(
        "trade",
        None,
        "ordinary money talk: sales, bills, rent, splitting, lending",
        [
            r"\b(?:for sale|selling|sold|postage|delivery|deliver|invoice|order|items?|tickets?|"
            r"rent|deposit|bill|bills|refund|price|collection|receipt|discount|brand new|"
            r"condition|split|owe|lend|borrow|pay (?:you|u) back|pizza|dinner|taxi|uber|shop|"
            r"store|purchase|buy|bought|landlord|tenant|council|subscription|salary|wages|"
            r"invoice|quote|tutor|lesson|ps5|console|bike|sofa|trainers|concert)\b",
        ],
        ("selling my bike for £50", "you owe me a tenner", "rent is due"),
        ("pay or i post", "send nudes"),
    ),
    _family(
        "plea",
        None,
        "begging or giving in: please don't, I'll pay, I'm sorry, I paid",
        [
            r"\b(?:please|pls|plz|plss|i beg|begging)\W+(?:\w+\W+){0,2}?(?:don'?t|dont|do not|"
            r"stop|delete|no|leave me)",
            r"\bi'?ll (?:pay|send|do (?:it|anything))|\bi will (?:pay|send|do (?:it|anything))\b",
            r"\bi (?:paid|sent (?:it|the money|you|u)|don'?t have (?:that|the|any) money)",
            r"\bi'?m (?:sorry|begging|only \d+|just a kid|a kid)\b|\bi'?m only\b",
            r"\b(?:don'?t|dont|do not) (?:send|post|share|leak|do this|ruin)\b",
            r"\bdelete (?:it|them|the video|the pics|everything)\b|\bi have no money\b",
            r"\bi only have\b",
        ],
        ("please don't send it", "i'll pay", "i only have £20", "delete it please"),
        ("ok see you", "lol no"),
    ),
    _family(
        "distress",
        None,
        "signs of despair or self-harm in the writer's own words",
        [
            r"\b(?:want(?:s)? to die|wanna die|wish i (?:was|were) dead|kill (?:myself|my self)|"
            r"end (?:my life|it all)|take my (?:own )?life|hurt(?:ing)? myself|cut(?:ting)? myself|"
            r"kms|suicid\w*|better off dead|better off without me|not worth living|"
            r"no (?:way|point) out|no reason to live|my life is over|my life is ruined|"
            r"don'?t want to (?:live|be alive|be here|exist|wake up)|"
            r"dont want to (?:live|be alive|be here|exist|wake up))\b",
            r"\bcan'?t (?:go on|do this anymore|take (?:it|this) anymore|live with)",
            r"\bcant (?:go on|do this anymore|take (?:it|this) anymore|live with)",
            r"\b(?:i'?ll|i will|i'?m going to|im going to|i want to|gonna) end it\b",
            r"\b(?:i|im|i'?m) (?:done with life|giving up)\b",
        ],
        ("i want to die", "i cant go on", "there's no way out", "i'll end it tonight"),
        ("this film is to die for", "i'm dying of laughter lol"),
    ),
)

# One compiled family per name; the order is the order of explanations.
BY_NAME: dict[str, Family] = {f.name: f for f in FAMILIES}
MAX_HITS_PER_FAMILY = 3


def find_hits(text: NormalText) -> list[Hit]:
    """Every family's first few matches in ``text``, quoted in the writer's own words."""
    hits: list[Hit] = []
    for family in FAMILIES:
        for count, m in enumerate(family.pattern.finditer(text.text)):
            if count >= MAX_HITS_PER_FAMILY:
                break
            hits.append(Hit(family.name, text.quote(m.start(), m.end()), m.start(), m.end()))
    return hits
