"""The catalog's answers: the one product and knowledge search, the catalog's words, and product
questions answered from the records (prices, specs, variants, comparisons, references).
"""
