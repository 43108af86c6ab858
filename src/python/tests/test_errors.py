"""How library messages become exceptions."""
import pytest

from verity import _errors


@pytest.mark.parametrize("message,file,path", [
    ("us.json: items[17].launcher: unknown launcher 'X'", "us.json", "items[17].launcher"),
    ("s.toml: sites[1].deployed_missiles (line 9): expected an integer", "s.toml",
     "sites[1].deployed_missiles (line 9)"),
    ("grid.type_one_per_year[2]: expected an integer", None, "grid.type_one_per_year[2]"),
    ("<dict>: party: missing", "<dict>", "party"),
    ("no notifications of US on or before 2000-01-01", None, None),
    ("data/x.json: not found", "data/x.json", None),
])
def test_location_is_split_from_the_message(message, file, path):
    assert _errors.split_location(message) == (file, path)


def test_codes_choose_the_class():
    assert isinstance(_errors.from_status("not_found", "x"), _errors.InvalidInput)
    assert isinstance(_errors.from_status("data_loss", "x"), _errors.VerificationFailed)
    assert isinstance(_errors.from_status("internal", "x"), _errors.EngineError)
    assert isinstance(_errors.from_status("invalid_argument", "x"), ValueError)
