"""Families of context: reports, commentary, banter, trade, pleas and distress."""

from __future__ import annotations

from shield.core.assessment.families.base import Family, family

REPORT = family(
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
)

COMMENTARY = family(
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
)

BANTER = family(
    "banter",
    None,
    "laughter and teasing between people who know each other",
    [
        r"\b(?:lol+|lmao+|lmfao|rofl|haha\w*|hehe\w*|jk|xd|just kidding|joking|jokin|"
        r"banter|bruh|cringe|mate|bestie|bro|dude|m8|innit|bless)\b",
    ],
    ("lol", "haha jk", "bro 😂"),
    ("pay me", "send it"),
)

TRADE = family(
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
)

PLEA = family(
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
)

DISTRESS = family(
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
)

MEMBERS: tuple[Family, ...] = (
    REPORT,
    COMMENTARY,
    BANTER,
    TRADE,
    PLEA,
    DISTRESS,
)
