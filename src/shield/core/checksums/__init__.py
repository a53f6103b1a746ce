"""Checksums that decide whether a candidate identifier is real: base58check, bech32/bech32m,
CashAddr, EIP-55 (Keccak-256) and Monero's base58. Pure functions, no I/O."""
