"""Domain engines: segmentation, the learner's lexicon and translation. No web imports here."""
