"""Fingerprints of article text: a hash for exact duplicates, MinHash bands for near ones.

Both are pure functions of the clean body, so the import computes them before it touches the
database. The exact hash ignores case, quote and dash styles; the near-duplicate signature is
datasketch's MinHash (its "affine32" scheme, with the permutations it draws for the same seed)
over word 3-shingles, computed here for all shingles at once with numpy: `update_batch` calls
a hash function per shingle in Python, which costs more than the whole rest of the import of
an article, and importing datasketch loads scipy, which costs most of a second at start-up.
A test checks that both give the same signature.
"""

from __future__ import annotations

import hashlib
import string
import zlib
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 3
BANDS = 16
ROWS_PER_BAND = 3
NUM_PERM = BANDS * ROWS_PER_BAND
PERMUTATION_SEED = 1
# Jaccard similarity of word 3-shingles from which an article counts as a near-duplicate.
# Syndicated copies with a new headline, a changed spelling or a cut paragraph score 0.6–0.9;
# different articles on the same event rarely pass 0.2. With 16 bands of 3 rows, a pair at
# 0.5 becomes a candidate with probability 0.88, at 0.6 with 0.98, at 0.1 with 0.016.
NEAR_DUPLICATE_THRESHOLD = 0.5


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    # As datasketch's MinHash draws them for its affine32 scheme: odd a, any b, mod 2**32.
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_A, _B = _permutations(NUM_PERM, PERMUTATION_SEED)
_A_COLUMN = _A.reshape(-1, 1)
_B_COLUMN = _B.reshape(-1, 1)
_FOLD = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-", "\u00a0": " "}
# ASCII punctuation but the apostrophe separates words ("korea's" is one); bytes of non-ASCII
# characters stay inside words.
_SEPARATORS = set(string.punctuation.replace("'", "") + string.whitespace)
_WORD_BYTES = bytes(32 if chr(b) in _SEPARATORS else b for b in range(128)) + bytes(range(128, 256))
_SHINGLE_MIX = (np.uint32(0x9E3779B1), np.uint32(0x85EBCA77), np.uint32(0xC2B2AE3D))
_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)
_BAND_SALT = (np.arange(BANDS, dtype=np.uint64) + np.uint64(1)) * np.uint64(0xD6E8FEB86659FD93)


@dataclass
class Fingerprint:
    content_hash: str  # exact duplicates: same words, case and quote style aside
    word_count: int
    shingles: np.ndarray  # shingle hashes (uint32), repeats included
    signature: np.ndarray | None  # MinHash (NUM_PERM uint32); None for a text without words
    buckets: list[int]  # one LSH bucket key per band; empty for a text without words

    def distinct_shingles(self) -> np.ndarray:
        return distinct(self.shingles)

    def __reduce__(self):
        # An import's reader process sends every fingerprint to the writer: raw bytes pickle
        # several times faster than numpy arrays.
        sig = None if self.signature is None else self.signature.tobytes()
        return _unpickle, (self.content_hash, self.word_count, self.shingles.tobytes(), sig, self.buckets)


def _unpickle(content_hash: str, word_count: int, shingles: bytes, sig: bytes | None, buckets: list[int]) -> Fingerprint:
    return Fingerprint(content_hash, word_count, np.frombuffer(shingles, dtype=np.uint32),
                       None if sig is None else np.frombuffer(sig, dtype=np.uint32), buckets)


def fold(text: str) -> str:
    """Lower case, straight quotes, plain dashes: spelling of the same text by different outlets."""
    text = text.lower()
    for fancy, plain in _FOLD.items():
        if fancy in text:
            text = text.replace(fancy, plain)
    return text


def hash_text(text: str) -> str:
    """16 hex digits: collisions are unlikely below billions of articles, and short keys keep
    the hash indexes small and quick to update."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


# The hashes below multiply arrays of unsigned integers and rely on their wrapping around:
# numpy does that without a warning for arrays (it checks overflow only for single numbers),
# so they need no `np.errstate`, whose setting and resetting cost a tenth of a fingerprint.


def _fmix32(values: np.ndarray) -> np.ndarray:
    # MurmurHash3's finaliser, as datasketch applies it before its affine permutations.
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def word_hashes(folded: str) -> np.ndarray:
    tokens = folded.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split()
    return np.fromiter(map(zlib.crc32, tokens), dtype=np.uint32, count=len(tokens))


def shingle_hashes(words: np.ndarray) -> np.ndarray:
    """Hashes of the word 3-shingles (of the words themselves for very short texts)."""
    if len(words) < SHINGLE_WORDS:
        return words
    first, second, third = _SHINGLE_MIX
    return words[:-2] * first ^ words[1:-1] * second ^ words[2:] * third


def distinct(hashes: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique does the same, several times slower on small arrays)."""
    ordered = np.sort(hashes)
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def signature(shingles: np.ndarray) -> np.ndarray:
    """The MinHash of a set of shingle hashes: datasketch's affine32 scheme, vectorised."""
    permuted = _fmix32(shingles).reshape(1, -1) * _A_COLUMN
    permuted += _B_COLUMN  # in place: one array of NUM_PERM rows is enough
    return permuted.min(axis=1)


def band_buckets(sig: np.ndarray) -> list[int]:
    """One 64-bit key per band (the band number is mixed in), signed to fit an SQLite integer."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS_PER_BAND)
    keys = (rows * _BAND_MIX).sum(axis=1, dtype=np.uint64) ^ _BAND_SALT
    return keys.view(np.int64).tolist()


def fingerprint(body: str) -> Fingerprint:
    folded = fold(body)
    words = word_hashes(folded)
    shingles = shingle_hashes(words)
    sig = signature(shingles) if len(shingles) else None
    buckets = band_buckets(sig) if sig is not None else []
    return Fingerprint(hash_text(folded), len(words), shingles, sig, buckets)


def signature_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def estimated_similarity(first: np.ndarray, second: np.ndarray) -> float:
    """The MinHash estimate of Jaccard similarity: the share of equal signature values."""
    return float(np.count_nonzero(first == second)) / len(first)


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted arrays of distinct shingle hashes (`distinct`)."""
    if not len(first) or not len(second):
        return 0.0
    shared = len(np.intersect1d(first, second, assume_unique=True))
    return shared / (len(first) + len(second) - shared)
