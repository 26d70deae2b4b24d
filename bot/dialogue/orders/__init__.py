"""Orders: the multi-turn order flows, the one verification rule, order trouble told and the pages'
rule on changing or cancelling.
"""
