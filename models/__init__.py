"""ShopDesk's models: the weights it runs on and the components that load them."""

from models.assets import ModelAssets, prepare_assets

__all__ = ["ModelAssets", "prepare_assets"]
