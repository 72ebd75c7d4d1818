"""Near-duplicate tasks in one appendix, found through an index of words."""

from __future__ import annotations


class NearDuplicates:
    """Finds a task whose words are almost all another task's (word-set Jaccard ≥ 0.8, at least
    6 words), through an index of words, so a 2,000-task appendix is not compared pair by pair."""

    THRESHOLD = 0.8
    MIN_WORDS = 6
    COMMON = 40  # a word in more tasks than this does not make candidates (it still counts)

    def __init__(self) -> None:
        self.words: list[set[str]] = []
        self.labels: list[str] = []
        self.index: dict[str, list[int]] = {}

    def add(self, label: str, key: str) -> str | None:
        """Remember a task's words; the label of the closest earlier task near enough, if any."""
        words = set(key.split())
        found = None
        if len(words) >= self.MIN_WORDS:
            found = self._closest(words)
            for w in words:
                self.index.setdefault(w, []).append(len(self.words))
        self.words.append(words)
        self.labels.append(label)
        return found

    def _closest(self, words: set[str]) -> str | None:
        # Candidates share a word that is not everywhere; the score uses every word.
        candidates: set[int] = set()
        for w in words:
            postings = self.index.get(w, ())
            if len(postings) <= self.COMMON:
                candidates.update(postings)
        best, found = 0.0, None
        for i in candidates:
            n = len(words & self.words[i])
            score = n / (len(words) + len(self.words[i]) - n)
            if score >= self.THRESHOLD and score > best:
                best, found = score, self.labels[i]
        return found
