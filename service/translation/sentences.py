"""Split text into sentences for batched translation, and put translations back in place."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at Chinese 。！？； (with any run of them), or at Western . ! ? followed by
# whitespace or the end (so 3.14 and e.g. mid-word stay whole); closing quotes and brackets
# stay with the sentence they close.
_END = re.compile(r"(?:[。！？；]+|[.!?]+(?=\s|$))[\"'”’」』）)\]]*")
_LEADING_SPACE = re.compile(r"\s*")


@dataclass(frozen=True)
class SplitText:
    """`separators[0] + sentences[0] + separators[1] + ... + separators[-1]` is the text."""

    sentences: list[str]
    separators: list[str]

    def join(self, translated: list[str], target: str) -> str:
        """Reassemble translations in order, keeping newlines exactly as they were.

        Spaces between sentences follow the target language: one space in English, none in
        Chinese; a separator holding a newline is kept untouched.
        """
        parts = [self.separators[0]]
        for index, sentence in enumerate(translated):
            parts.append(sentence.strip())
            sep = self.separators[index + 1]
            is_last = index == len(translated) - 1
            if "\n" in sep or is_last:
                parts.append(sep)
            else:
                parts.append(" " if target == "en" else "")
        return "".join(parts)


def split_sentences(text: str) -> SplitText:
    sentences: list[str] = []
    separators: list[str] = []
    pending_sep = ""
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        tail = line[len(body) :]
        start = 0
        while start < len(body):
            lead = _LEADING_SPACE.match(body, start)
            assert lead is not None  # \s* always matches
            pending_sep += lead.group()
            start = lead.end()
            if start >= len(body):
                break
            end_match = _END.search(body, start)
            end = end_match.end() if end_match else len(body)
            sentence = body[start:end].rstrip()
            trailing = body[start + len(sentence) : end]
            separators.append(pending_sep)
            sentences.append(sentence)
            pending_sep = trailing
            start = end
        pending_sep += tail
    separators.append(pending_sep)
    return SplitText(sentences, separators)
