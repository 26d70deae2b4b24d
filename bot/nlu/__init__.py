"""Training data for the store's NLU models, generated from the store's catalog and public sets."""
