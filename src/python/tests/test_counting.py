"""Counting from Python gives the CLI's answers, as tables."""
import json
import re

import pytest

import verity
from conftest import ROOT, cli_json, run_cli

US = "data/declarations/us-2020-09-01.json"
RU = "data/declarations/ru-2021-09-01.json"


def test_check_counts_the_published_us_numbers():
    r = verity.check(verity.load_declaration(US))
    assert r.limits["count"].to_dict() == {"deployed": 675, "warheads": 1457, "launchers": 800}
    assert not r.over
    assert "675" in str(r) and "1457" in str(r) and "800" in str(r)


@pytest.mark.parametrize("treaty", verity.shipped_treaties())
@pytest.mark.parametrize("decl", [US, RU])
def test_check_answer_is_the_cli_json(decl, treaty):
    assert verity.check(decl, treaty=treaty).json == cli_json("check", decl, "--treaty", treaty)


def test_report_tables_add_up_and_match_the_cli():
    r = verity.report(RU, explain="warheads")
    assert r.json == cli_json("report", RU, "--explain", "warheads")
    counts = r.limits["count"]
    for table in (r.by_type, r.by_facility):
        assert table.groupby("limit")["count"].sum().to_dict() == counts.to_dict()
    assert r.explained["amount"].sum() == counts["warheads"]
    assert set(r.categories.index) == {c for c, _ in verity.load_treaty().categories}


def test_as_of_and_a_loaded_treaty():
    t = verity.load_treaty("follow-on-example")
    r = verity.check(US, treaty=t, as_of="2019-03-01")
    assert r.as_of == "2019-03-01"
    assert r.json == cli_json("check", US, "--treaty", "follow-on-example", "--as-of", "2019-03-01")


def test_a_declaration_from_a_dict_or_a_string_equals_the_file():
    text = (ROOT / US).read_text()
    from_file = verity.load_declaration(US).to_dict()
    assert verity.load_declaration(json.loads(text)).to_dict() == from_file
    assert verity.load_declaration(text).to_dict() == from_file
    assert verity.load_declaration("us-2020-09-01").to_dict() == from_file


def test_bad_input_raises_invalid_input_with_the_cli_message(tmp_path):
    doc = json.loads((ROOT / US).read_text())
    doc["items"][3]["facility"] = "nowhere"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    code, _, err = run_cli("check", bad, check=False)
    assert code == 2
    with pytest.raises(verity.InvalidInput) as e:
        verity.check(bad)
    assert "verity: " + str(e.value) == err.strip()
    assert e.value.file == str(bad)
    assert e.value.path == "items[3].facility"
    assert e.value.code == "invalid_argument"
    assert "nowhere" in e.value.message


def test_a_dict_declaration_names_its_source_in_errors():
    with pytest.raises(verity.InvalidInput) as e:
        verity.load_declaration({"party": "US"})
    assert e.value.file == "<dict>"


def test_missing_file_and_unknown_treaty_are_invalid_input():
    with pytest.raises(verity.InvalidInput) as e:
        verity.load_declaration("no/such/file.json")
    assert e.value.code == "not_found"
    with pytest.raises(verity.InvalidInput, match="new-start"):
        verity.load_treaty("no-such-treaty")
    with pytest.raises(verity.InvalidInput, match="explain: 'x' is not a limit"):
        verity.check(US, explain="x")
    with pytest.raises(verity.InvalidInput, match="as_of"):
        verity.check(US, as_of="2020-13-01")


def test_hostile_json_is_refused_not_a_crash():
    deep = "[" * 100000 + "]" * 100000
    with pytest.raises(verity.InvalidInput):
        verity.load_declaration('{"party": "US", "x": ' + deep + "}")
    with pytest.raises(verity.InvalidInput):
        verity.load_declaration("{\"party\": \"\xff\ud800\"}".encode("utf-8", "surrogatepass")
                                .decode("utf-8", "replace"))


def test_compare_rows_are_the_cli_cells():
    frame = verity.compare([US, RU])
    answer = cli_json("compare", US, RU)
    assert frame.attrs["json"] == answer
    cells = sum(c is not None for row in answer["rows"] for c in row["cells"].values())
    assert len(frame) == cells
    row = frame[(frame.party == "US") & (frame.limit == "warheads") &
                (frame.treaty == "new-start")].iloc[0]
    assert row["count"] == 1457 and row["max"] == 1550


def test_upload_is_the_cli_answer():
    u = verity.upload(US)
    assert u.json == cli_json("upload", US)
    assert u.timeline["warheads"].iloc[-1] == u.totals["added_warheads"]
    assert set(u.types.index) == {t["type"] for t in u.json["types"]}


@pytest.mark.parametrize("function,command,options", [
    (verity.check, ("check",), ("--treaty", "--as-of", "--explain")),
    (verity.simulate, ("simulate",), ("--trials", "--threads", "--seed", "--data")),
    (verity.upload, ("upload",), ("--assumptions",)),
])
def test_help_says_what_the_cli_help_says(function, command, options):
    _, out, _ = run_cli(*command, "--help")
    doc = re.sub(r"\s+", " ", function.__doc__)
    for option in options:
        line = next(l for l in out.splitlines() if l.strip().startswith(option))
        text = re.sub(r"\s+", " ", re.split(r"\s{2,}", line.strip(), maxsplit=1)[1])
        text = re.sub(r" \[[^\]]*\]$", "", text).strip()  # CLI11's [default]
        assert text in doc, f"{option}: {text!r} not in help({function.__name__})"


def test_a_file_named_like_a_shipped_treaty_is_read_not_the_cached_one(tmp_path, monkeypatch):
    shipped = verity.load_treaty("new-start")
    assert verity.load_treaty("new-start") is shipped  # compiled in: loaded once
    text = (ROOT / "data" / "treaties" / "new-start.toml").read_text()
    (tmp_path / "new-start").write_text(text.replace('name = "New START"', 'name = "Local"', 1))
    monkeypatch.chdir(tmp_path)
    assert verity.load_treaty("new-start").name == "Local"
