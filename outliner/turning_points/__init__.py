"""A trained turning-point model: features, scores, exact decoding, TRIPOD evaluation.

TRIPOD (Papalampidi, Keller & Lapata, EMNLP 2019) annotates five turning points per
film synopsis. The model here scores every sentence for each turning point and decodes
five strictly increasing indices exactly; `structures.py` maps them to acts.
"""

LABELS = (
    "Opportunity",
    "Change of Plans",
    "Point of No Return",
    "Major Setback",
    "Climax",
)
