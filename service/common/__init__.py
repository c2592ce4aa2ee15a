"""Helpers both domains use and neither owns: which characters are Han and which language a
text is (`script`), simplified/traditional detection and conversion with OpenCC
(`chinese_script`), and the phase-timing hook the web layer listens to (`timing`)."""
