"""Word lists for quote attribution: speech verbs and other cues (lemmas, lower case)."""
from __future__ import annotations

__all__ = ["SPEECH_VERBS", "BEFORE_CUES", "NEXT_SENTENCE_NOUNS"]

# Verbs that introduce direct speech, before or after the quote.
SPEECH_VERBS = frozenset("""
say tell add write state declare note insist warn explain claim stress emphasize emphasise
argue ask reply respond answer remark comment acknowledge admit concede complain recall
post tweet suggest affirm assert reiterate conclude observe quip vow pledge promise urge
announce confirm deny predict report continue inform caution allege charge contend maintain
shout cry exclaim scream chant whisper mutter boast lament retort counter agree tout threaten
repeat demand plead appeal proclaim testify reveal underline underscore highlight signal describe
""".split())

# Verbs that attach a quote later in their clause: 'X called the decision "useless"'.
BEFORE_CUES = SPEECH_VERBS | frozenset("""
call term dub label brand characterize characterise refer quote accuse welcome praise
condemn criticize criticise slam blast decry hail dismiss reject
""".split())

# Nouns of a next sentence that names the speaker: 'That was the message from X'.
NEXT_SENTENCE_NOUNS = frozenset("""
message comment remark word statement warning view verdict assessment response reply
reaction answer sentiment call plea
""".split())
