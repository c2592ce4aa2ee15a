"""Translation, one domain: Chinese⇄English with MarianMT (opus-mt) models.

It owns the one pipeline every caller of translation goes through (`pipeline`: limits, the
language rule, the deadline), the per-direction translators and their cache (`translator`), the
two inference engines behind one interface (`backends`: CTranslate2 serving, transformers on
torch as the reference and converter), where a model's files come from (`model_source`: the
hub into HF_HOME, or a local directory) and sentence splitting (`sentences`). It imports no web
code and nothing of `service.annotation`.
"""
