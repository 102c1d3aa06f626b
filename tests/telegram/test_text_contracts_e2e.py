"""All four text files are held to their contracts at start-up and before ``/reload``, not only
``telegram.yaml``: a broken file is named with its line and the running texts are kept."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakebotapi import FakeBotApi
from tests.telegram.harness import ADMIN_ID, TOKEN, SettableClock, run_bot
from tests.telegram.test_run_cli import REPO, bot_env

BREAKS = {
    "engine": ('  prose_next: "{winner} for {label}"\n', ""),
    "reminders": ("Neste påminnelse: {when}.", "Neste påminnelse: {naar}."),
    "pictures": ('  title_year: "Prisåret {label}"\n', ""),
}


def _break(knowledge: Path, area: str) -> str:
    path = knowledge / "texts" / f"{area}.yaml"
    good = path.read_text(encoding="utf-8")
    old, new = BREAKS[area]
    assert good.count(old) == 1
    path.write_text(good.replace(old, new), encoding="utf-8")
    return good


def test_reload_refuses_a_broken_engine_reminders_or_pictures_text(
    api: FakeBotApi, clock: SettableClock, tmp_path: Path, knowledge_copy: Path
) -> None:
    runner, bot = run_bot(api, clock, tmp_path / "data", knowledge_copy)
    try:
        old_version = bot.services.holder.engine.kb.version
        for area in BREAKS:
            good = _break(knowledge_copy, area)
            [refused] = bot.say(ADMIN_ID, "/reload")
            text = refused.params["text"]
            assert re.search(rf"texts/{area}\.yaml:\d+: ", text), text
            assert bot.services.holder.engine.kb.version == old_version
            (knowledge_copy / "texts" / f"{area}.yaml").write_text(good, encoding="utf-8")
        [answer] = bot.say(518, "vinnere 2008-2016")
        assert "Hammerfest vant prisen for 2013" in answer.params["text"]
    finally:
        runner.stop()


@pytest.mark.slow
def test_start_up_refuses_a_broken_pictures_text(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO / "knowledge", knowledge)
    _break(knowledge, "pictures")
    with FakeBotApi() as api:
        env = bot_env(
            tmp_path,
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_API_BASE_URL=api.base_url,
            BOT_KNOWLEDGE_DIR=str(knowledge),
        )
        result = subprocess.run(
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2, result.stderr
    assert "feil: knowledge/texts/pictures.yaml:" in result.stderr
    assert "«map.title_year» mangler" in result.stderr
    assert "Traceback" not in result.stderr
