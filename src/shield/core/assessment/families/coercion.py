"""Families of coercion: threats, audiences, payment, deadlines, recording, fakes, proof."""

from __future__ import annotations

from shield.core.assessment.families.base import Family, family
from shield.core.assessment.families.words import (
    AUD_POSS,
    AUDIENCE,
    CONTENT,
    EXPLICIT,
    FUTURE,
    LEAK,
    POSS,
    SHARE,
    STRONG_POSS,
    YOU,
)

THREAT = family(
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
        rf"\b(?:or|else|otherwise|if not|then|and|before)\W+(?:\w+\W+){{0,4}}?{AUD_POSS}\W+"
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
        r"\b(?:blackmail\w*|threaten\w*|extort\w*) (?:me|him|her|us|my \w+)(?: \w+){0,2} "
        r"with\b",
        r"\bblackmailed (?:by \w+(?: \w+)? )?with\b",
        r"\bmake\W+(?:\w+\W+){1,3}?(?:viral|famous)\b",
        rf"\b(?:{YOU}|my|his|her)\W+(?:life|lyf|career|reputation|future|marriage|name)\W+"
        r"(?:is|will be|'?ll be|gonna be|is going to be)\W+(?:over|finished|done|ruined|"
        r"destroyed)",
        r"\bruin(?:ing)?\W+(?:my|his|her)\W+(?:\w+\W+)?(?:life|reputation|future|career)",
        rf"\bwant\W+(?:your|ur|ya)\W+(?:\w+\W+)?{AUDIENCE}\W+(?:to see|seeing|see)",
        r"\bor (?:i|we)(?:'ll| will|ll)? (?:tell|inform|message|contact|call|show) "
        r"(?:your|ur)\b",
        r"\bor (?:they|them|people) (?:all )?(?:will )?(?:see|get|watch|receive|find out)\b",
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
)

NAMED_AUDIENCE = family(
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
)

PAYMENT = family(
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
        r"\b(?:you|u) owe me\b",
    ],
    ("p@y me £200", "send 50 quid", "buy a steam card", "send btc to this wallet"),
    ("see you at school", "i like this video"),
)

DEADLINE = family(
    "deadline",
    "escalation",
    "a deadline, countdown or hurry",
    [
        r"\b(?:you|u|ya) (?:have|got|get|hav) (?:only |just )?(?:\d+|one|two|three|five|ten|"
        r"fifteen|twenty|thirty|an?) ?(?:min|mins|minutes?|hrs?|hours?|secs?|seconds?|days?)",
        r"\b\d+ ?(?:min|mins|minutes|hrs|hours|secs|seconds) (?:left|to|or|before|from now)\b",
        r"\bcount ?down|\bclock(?:'?s| is)? ticking|\btick ?tock|\bclock\b",
        r"\b(?:in|within) (?:\d+|an?|one|two|five|ten|twenty|thirty) ?(?:min|mins|minutes?|"
        r"hrs?|hours?|h|secs?|seconds?)\b",
        r"\b(?:\d+|one|an?) ?(?:hour|hr|min|minute)s?\W*$",
        r"\btimes? (?:is )?up\b|\btime'?s up|\bout of time|\bno more time",
        r"\b(?:before|by|until|till) (?:midnight|tonight|tomorrow|morning|the end of|"
        r"\d\d?(?::\d\d)? ?(?:am|pm)?\b)",
        r"\b(?:last|final) (?:chance|warning)",
        r"\b(?:hurry|hury|quick|quickly|asap|fast|right now|now now|immediately)\b",
        r"\bi'?m waiting|\bim waiting|\bwaiting\b|\bstill waiting",
    ],
    ("u have 10 min", "tick tock ⏰", "last chance", "by midnight or else"),
    ("see you in the morning", "that was a good hour"),
)

CAPTURE = family(
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
        r"\b(?:your|ur|ya) (?:video|vid|call|pics?|nudes?|photos?) (?:is|are|was|were|has been|"
        r"have been|got) (?:recorded|saved|captured|screenshotted|screen recorded)\b",
        r"\b(?:its|it's|this is|that's|thats|here's|heres) (?:ur|your|ya) (?:video|vid|pics?|"
        r"nudes?|noodz|recording|clip)\b",
    ],
    ("i screen recorded our call", "i h@ve ur n00dz", "we hacked ur account"),
    ("i recorded a song", "the menu looks good"),
)

FABRICATION = family(
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
)

PROOF = family(
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
)

MORE_DEMAND = family(
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
)

COERCION = family(
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
)

INTIMATE_CONTENT = family(
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
)

URGING = family(
    "urging",
    None,
    "the other side urging self-harm: kill yourself, kys",
    [
        r"\b(?:kill (?:yourself|urself|ur self|your self)|kys|end (?:your|ur) (?:life|self)|"
        r"hang (?:yourself|urself)|(?:you|u) should (?:just )?die|go die)\b",
    ],
    ("then kill yourself lol", "kys", "u should just die"),
    ("i will kill it at the gym", "the battery died"),
)

MEMBERS: tuple[Family, ...] = (
    THREAT,
    NAMED_AUDIENCE,
    PAYMENT,
    DEADLINE,
    CAPTURE,
    FABRICATION,
    PROOF,
    MORE_DEMAND,
    COERCION,
    INTIMATE_CONTENT,
    URGING,
)
