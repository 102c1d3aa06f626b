"""Project descriptions are whole sentences: the answers show them alone, with no name and no
colon before them (issue 13, review finding M5)."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_knowledge

from .conftest import REPO_KNOWLEDGE, find, issues_of, replace_in

Y21 = "knowledge/years/2021.yaml"


def test_every_project_in_the_fact_base_is_a_whole_sentence() -> None:
    kb = load_knowledge(REPO_KNOWLEDGE)
    projects = [
        project
        for record in kb.years.values()
        for project in (*record.projects, *(p for prof in record.profiles for p in prof.projects))
    ]
    assert len(projects) > 50
    for project in projects:
        text = project.description
        assert text[:1].isupper() and text.endswith("."), (project.name, text)


def test_a_fragment_as_description_is_reported_with_file_and_line(kb_dir: Path) -> None:
    path = kb_dir / "years/2021.yaml"
    replace_in(path, "text: Hjelper kvinner ut i arbeid.", "text: prosjekt for kvinner")
    line = path.read_text().splitlines().index("  - name: Jobbsjansen") + 1
    find(issues_of(kb_dir), Y21, line, "projects[1].text må være en hel setning")
