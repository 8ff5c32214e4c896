"""Understanding the story: who is in it and how they are named.

- names.py        capitalised name runs in a sentence, with the context around them
- variants.py     spelling variants of one name (Ballu/Balu, Roshida/Roshiba)
- characters.py   name runs -> characters with aliases, roles, descriptions; actors apart
- describe.py     a one-line description from the sentence that introduces a character
- evaluate.py     character scores against an IMDb cast (TRIPOD)
- commands.py     the work behind `outliner characters` and `outliner eval characters`
"""
