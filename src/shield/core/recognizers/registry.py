"""Every recognizer, one per identifier kind, in the order that settles overlaps (the more
specific first). Its names equal the contract's list of kinds."""

from __future__ import annotations

from shield.core.recognizers.bank_account import BankAccountRecognizer
from shield.core.recognizers.base import Prefilter, Recognizer
from shield.core.recognizers.crypto_wallet import CryptoWalletRecognizer
from shield.core.recognizers.email import EmailRecognizer
from shield.core.recognizers.gift_card import GiftCardRecognizer
from shield.core.recognizers.handle import HandleRecognizer
from shield.core.recognizers.iban import IbanRecognizer
from shield.core.recognizers.image_md5 import ImageMd5Recognizer
from shield.core.recognizers.image_pdq import ImagePdqRecognizer
from shield.core.recognizers.payment_handle import PaymentHandleRecognizer
from shield.core.recognizers.phone import PhoneRecognizer
from shield.core.recognizers.url import UrlRecognizer
from shield.core.vocabulary import IDENTIFIER_KINDS

RECOGNIZERS: dict[str, Recognizer] = {
    r.kind: r
    for r in (
        CryptoWalletRecognizer(),
        IbanRecognizer(),
        BankAccountRecognizer(),
        ImagePdqRecognizer(),
        ImageMd5Recognizer(),
        PaymentHandleRecognizer(),
        HandleRecognizer(),
        EmailRecognizer(),
        GiftCardRecognizer(),
        PhoneRecognizer(),
        UrlRecognizer(),
    )
}
PRIORITY = {kind: rank for rank, kind in enumerate(RECOGNIZERS)}
PREFILTER = Prefilter(RECOGNIZERS.values())
"""Every member's gate in one: a text it does not admit has no identifier (OCR aside)."""

if set(RECOGNIZERS) != set(IDENTIFIER_KINDS) or len(RECOGNIZERS) != len(IDENTIFIER_KINDS):
    raise RuntimeError(f"recognizers {sorted(RECOGNIZERS)} differ from the contract's kinds")
