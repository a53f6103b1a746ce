"""recognize() resolves overlaps and the contract's worked examples give their normal forms."""

from __future__ import annotations

import pytest

from shield.core.recognizers import normalize, recognize


def kinds(text: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(f.kind, f.normalized) for f in recognize(text, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "raw", "normalized"),
    [
        ("email", "Jess.X92+pay@GoogleMail.com", "jessx92@gmail.com"),
        ("phone", "07400 123456", "+447400123456"),
        ("handle", "snap: Jess_x92", "snapchat:jess_x92"),
        ("url", "HTTPS://Bit.ly/3xYz/?utm_source=a", "https://bit.ly/3xYz"),
        (
            "crypto_wallet",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
        ),
        ("bank_account", "sort code 12-34-56 acc 12345678", "123456-12345678"),
        ("iban", "gb82 west 1234 5698 7654 32", "GB82WEST12345698765432"),
        ("payment_handle", "$JessX92", "cashapp:jessx92"),
        ("gift_card", "steam card ABCD-EFGH-IJKL", "steam:ABCDEFGHIJKL"),
    ],
)
def test_contract_examples(kind: str, raw: str, normalized: str) -> None:
    assert normalize(kind, raw) == normalized


def test_phone_region_parameter() -> None:
    assert kinds("call 415-555-2671") == []
    assert kinds("call 415-555-2671", region="US") == [("phone", "+14155552671")]


def test_links_are_one_kind_each() -> None:
    text = (
        "paypal.me/jess instagram.com/jess_x92 wa.me/447400123456 "
        "https://www.linkedin.com/in/jess cash.app/$jessx92"
    )
    assert kinds(text) == [
        ("payment_handle", "paypal:jess"),
        ("handle", "instagram:jess_x92"),
        ("phone", "+447400123456"),
        ("url", "https://www.linkedin.com/in/jess"),
        ("payment_handle", "cashapp:jessx92"),
    ]


def test_email_is_not_also_a_url_or_handle() -> None:
    assert kinds("mail jess.x92@gmail.com today") == [("email", "jessx92@gmail.com")]


def test_taproot_is_accepted_and_a_bad_bech32m_is_not() -> None:
    good = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
    assert kinds(good) == [("crypto_wallet", f"btc:{good}")]
    assert kinds(good[:-1] + "q") == []


def test_ocr_corrections_need_ocr_mode_and_a_checksum() -> None:
    seen = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVNZ"  # a wrong last character: no fix can be confirmed
    assert kinds(seen, ocr=True) == []
    read = "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2".replace("5", "S")
    assert kinds(read) == []
    found = recognize(read, ocr=True)
    assert [(f.kind, f.normalized) for f in found] == [
        ("crypto_wallet", "btc:1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")
    ]
    assert found[0].explanation.corrected_from == read


def test_eth_without_checksum_is_not_corrected() -> None:
    # all lower case carries no checksum, so an O read for a 0 cannot be confirmed
    read = "0xfb69160950a1df60bb79ce92ce3ea74c37c5d359".replace("0a1", "Oa1")
    assert kinds(read, ocr=True) == []


def test_context_from_the_previous_message_is_read_not_reported() -> None:
    assert kinds("its pixelninja_07 add me") == []
    found = recognize("its pixelninja_07 add me", context="whats ur discord")
    assert [(f.kind, f.normalized, f.value) for f in found] == [
        ("handle", "discord:pixelninja_07", "pixelninja_07")
    ]
    assert "its pixelninja_07 add me"[found[0].start : found[0].end] == "pixelninja_07"
    assert kinds("hello", context="snap: jess_x92") == []  # type: ignore[arg-type]


def test_offsets_survive_characters_that_lower_to_two() -> None:
    text = "İİİ snap: Jess_x92"
    found = recognize(text)
    assert [(f.normalized, f.value) for f in found] == [("snapchat:jess_x92", "Jess_x92")]


def test_ocr_fixes_bech32_and_iban_only_where_the_checksum_agrees() -> None:
    address = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
    read = address.replace("ar0s", "aros")  # 'o' is outside the bech32 alphabet
    assert kinds(read) == []
    assert kinds(read, ocr=True) == [("crypto_wallet", f"btc:{address}")]
    iban = "GB29 NWBK 6016 1331 9268 19"
    assert kinds(iban.replace("6016", "6O16"), ocr=True) == [("iban", "GB29NWBK60161331926819")]
    # a wrong digit that no confusion explains stays unreported, OCR or not
    assert kinds(iban.replace("6016", "6017"), ocr=True) == []


def test_explanations_name_pattern_check_and_context_words() -> None:
    [found] = recognize("usdt trc20 TP5eKXFaT36LmQ3472VDLqVytdztxumXPR")
    assert found.explanation.validator == "base58check"
    assert "trc20" in found.explanation.context and "usdt" in found.explanation.context
    [handle] = recognize("add me on snap jessyy")
    assert handle.explanation.context == ("snap", "invitation")
    assert "snap" in str(handle.explanation)
