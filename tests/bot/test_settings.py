from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError


def test_defaults_without_environment():
    settings = Settings.from_env({})
    assert settings.data_dir == Path(".shopdesk")
    assert settings.index_dir == Path(".shopdesk/index")
    assert settings.store == "demo" and settings.redis_url == ""


def test_values_are_cast_from_prefixed_variables():
    settings = Settings.from_env({"SHOPDESK_PORT": "9000", "SHOPDESK_DATA_DIR": "/tmp/sd",
                                  "SHOPDESK_REDIS_URL": "redis://localhost:6379/0",
                                  "OTHER_PORT": "1"})
    assert settings.port == 9000
    assert settings.data_dir == Path("/tmp/sd")
    assert settings.redis_url == "redis://localhost:6379/0"


@pytest.mark.parametrize("key,value", [("SHOPDESK_PORT", "eighty"), ("SHOPDESK_PORT", "-1"),
                                       ("SHOPDESK_DATA_DIR", " ")])
def test_bad_values_name_the_variable(key, value):
    with pytest.raises(SettingsError, match=key):
        Settings.from_env({key: value})


def test_a_bad_cuda_graphs_value_stops_the_generator_before_it_loads() -> None:
    from bot.service import build_generator

    settings = Settings.from_env({"SHOPDESK_GENERATOR_CUDA_GRAPHS": "sometimes"})
    with pytest.raises(SettingsError, match="SHOPDESK_GENERATOR_CUDA_GRAPHS"):
        build_generator(settings)
