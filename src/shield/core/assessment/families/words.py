"""Word lists the family patterns share: you and yours, content, sharing verbs, audiences."""

from __future__ import annotations

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
