from pathlib import Path

import pytest

from actions.police.routes import RoutesError, load, routes_for
from bot.settings import PROJECT_DIR

ROUTES = """
routes:
  - name: beijing
    country: CN
    regions: [北京]
    http: {url: "http://127.0.0.1:${PORT}/intake", secret_env: BJ_KEY}
  - name: hanoi
    country: VN
    regions: [Hà Nội]
    email: {to: tiepnhan@example.vn}
  - name: cn-rest
    country: CN
    http: {url: "https://intake.example/cn", secret_env: CN_KEY}
"""


def test_routes_are_chosen_by_country_and_region(tmp_path: Path) -> None:
    path = tmp_path / "routes.yml"
    path.write_text(ROUTES, encoding="utf-8")
    routes = load(path, {"PORT": "9000", "BJ_KEY": "k1", "CN_KEY": "k2"})
    assert routes[0].url == "http://127.0.0.1:9000/intake" and routes[0].secret == "k1"
    assert [r.name for r in routes_for(routes, "CN", "北京市朝阳区")] == ["beijing"]
    assert [r.name for r in routes_for(routes, "CN", "山东省威海市")] == ["cn-rest"]
    assert [r.name for r in routes_for(routes, "VN", "ha noi")] == ["hanoi"]
    assert routes_for(routes, "VN", "Huế") == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("routes: [{country: XX, http: {url: 'http://a'}}]", "needs a country"),
        ("routes: [{country: CN}]", "exactly one of http or email"),
        ("routes: [{country: CN, http: {url: 'ftp://a', secret_env: K}}]", "http(s) URL"),
        ("routes: [{country: CN, http: {url: 'http://a', secret_env: MISSING}}]", "$MISSING"),
        ("routes: [{country: VN, email: {to: nobody}}]", "must be an address"),
        ("routes: [: bad", "routes.yml"),
    ],
)
def test_a_bad_routes_file_says_what_is_wrong(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "routes.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        RoutesError, match=problem.replace("$", r"\$").replace("(", r"\(").replace(")", r"\)")
    ):
        load(path, {"K": "key"})


def test_the_default_routes_file_reaches_both_countries() -> None:
    routes = load(
        PROJECT_DIR / "police_routes.yml",
        {"HOTLINE_POLICE_SECRET": "s", "HOTLINE_POLICE_INTAKE_PORT": "8099"},
    )
    assert routes_for(routes, "CN", "任何地方") and routes_for(routes, "VN", "bất kỳ đâu")
