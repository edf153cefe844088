"""Desktop integration files, icons and the install/uninstall scripts, checked without a bundle."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QFile, QIODevice, QSize
from PySide6.QtGui import QIcon, QImage

import goaldesk
from goaldesk.ui.common import icons

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{goaldesk.APP_ID}.desktop"
METAINFO = LINUX / f"{goaldesk.APP_ID}.metainfo.xml"
QRC = ROOT / "resources" / "goaldesk.qrc"
ICON_DIR = ROOT / "resources" / "icons"
SH = shutil.which("sh") or "/bin/sh"


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


# --- validators -------------------------------------------------------------------------------


def test_desktop_file_validates() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate not installed (apt-get install desktop-file-utils)")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout + result.stderr


def test_metainfo_validates() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli not installed (apt-get install appstream)")
    result = subprocess.run([tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --- one identity -----------------------------------------------------------------------------


def test_desktop_entry_matches_app_identity() -> None:
    entry = desktop_entry()
    assert DESKTOP.name == f"{goaldesk.APP_ID}.desktop"
    assert entry["Name"] == goaldesk.APP_NAME
    assert entry["Comment"] == goaldesk.SUMMARY
    assert entry["Icon"] == goaldesk.APP_ID
    assert entry["StartupWMClass"] == goaldesk.APP_NAME  # Qt's WM_CLASS class = applicationName()
    assert entry["Categories"] == "Office;ProjectManagement;"
    assert entry["Exec"].split()[0] == "goaldesk"


def test_metainfo_matches_app_identity() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == goaldesk.APP_ID
    assert root.findtext("name") == goaldesk.APP_NAME
    assert root.findtext("summary") == goaldesk.SUMMARY
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == goaldesk.__version__, "newest release first"
    assert root.find("content_rating") is not None
    assert root.findtext("url[@type='homepage']", "").startswith("https://")


def test_metainfo_screenshots_are_the_repositorys_own(qapp: object) -> None:
    """Each screenshot URL is the raw GitHub form of a file in resources/screenshots, for the
    repository the app id names (io.github.OWNER.App -> github.com/OWNER/...), with its true size."""
    owner = goaldesk.APP_ID.split(".")[2]
    prefix = f"https://raw.githubusercontent.com/{owner}/{owner}/main/"
    shots = ET.parse(METAINFO).getroot().findall("screenshots/screenshot")
    assert shots and shots[0].get("type") == "default"
    for shot in shots:
        assert shot.findtext("caption")
        image = shot.find("image")
        assert image is not None and image.text is not None and image.text.startswith(prefix), image
        path = ROOT / image.text.removeprefix(prefix)
        assert path.is_file() and path.parent == ROOT / "resources" / "screenshots"
        picture = QImage(str(path))
        assert (picture.width(), picture.height()) == (int(image.get("width", 0)), int(image.get("height", 0)))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(str(ROOT / s.findtext("image", "").removeprefix(prefix)).split("/")[-1] in readme for s in shots)


def test_metainfo_release_has_notes_and_developer() -> None:
    root = ET.parse(METAINFO).getroot()
    developer = root.find("developer")
    assert developer is not None and developer.get("id") and developer.findtext("name")
    newest = root.find("releases/release")
    assert newest is not None and newest.get("date") and newest.findtext("description/p")
    assert root.find("content_rating[@type='oars-1.1']") is not None


def test_spec_reads_identity_instead_of_repeating_it() -> None:
    spec = (ROOT / "packaging" / "goaldesk.spec").read_text(encoding="utf-8")
    assert goaldesk.__version__ not in spec
    assert goaldesk.APP_ID not in spec
    assert 'goaldesk" / "__init__.py"' in spec


# --- icons and resources ----------------------------------------------------------------------


def qrc_entries() -> dict[str, Path]:
    """Map ":/prefix/alias" to the source file, for every <file> in the .qrc."""
    found = {}
    for resource in ET.parse(QRC).getroot().iter("qresource"):
        prefix = resource.get("prefix", "/").rstrip("/")
        for item in resource.iter("file"):
            assert item.text is not None
            alias = item.get("alias") or item.text
            found[f":{prefix}/{alias}"] = QRC.parent / item.text
    return found


def test_qrc_lists_existing_files_and_every_icon() -> None:
    entries = qrc_entries()
    missing = [str(path) for path in entries.values() if not path.is_file()]
    assert missing == []
    listed = {path.resolve() for path in entries.values()}
    on_disk = {p.resolve() for p in [*ICON_DIR.glob("*.svg"), *(ICON_DIR / "app").glob("goaldesk*.*")]}
    assert on_disk - listed == set(), "an icon file is not in goaldesk.qrc"


def test_compiled_resources_are_up_to_date() -> None:
    """Every .qrc entry is in resources_rc with the file's current bytes (else: `make resources`)."""
    stale = []
    for resource_path, source in qrc_entries().items():
        handle = QFile(resource_path)
        if not handle.open(QIODevice.OpenModeFlag.ReadOnly):
            stale.append(f"{resource_path} missing")
            continue
        if bytes(handle.readAll().data()) != source.read_bytes():
            stale.append(f"{resource_path} differs from {source.name}")
        handle.close()
    assert stale == [], "run `make resources`: " + ", ".join(stale)


def test_icon_names_cover_the_svg_files() -> None:
    assert set(icons.NAMES) == {p.stem for p in ICON_DIR.glob("*.svg")}


@pytest.mark.parametrize("name", icons.NAMES)
def test_named_icons_load(qapp: object, name: str) -> None:
    icon = icons.icon(name)
    assert not icon.isNull()
    assert not icon.pixmap(QSize(24, 24)).isNull()
    assert icons.icon(name).cacheKey() == icon.cacheKey(), "icon() returns the cached icon"


def test_unknown_icon_is_a_safe_placeholder(qapp: object, caplog: pytest.LogCaptureFixture) -> None:
    icon = icons.icon("no-such-icon")
    assert isinstance(icon, QIcon)
    icon.pixmap(QSize(16, 16))  # must not raise, null or not
    assert "no-such-icon" in caplog.text


def test_app_icon_has_every_size(qapp: object) -> None:
    icon = icons.app_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert set(icons.APP_ICON_SIZES) <= sizes
    assert not icon.pixmap(QSize(16, 16)).isNull()


@pytest.mark.parametrize("size", icons.APP_ICON_SIZES)
def test_png_renders_have_their_size(qapp: object, size: int) -> None:
    image = QImage(str(ICON_DIR / "app" / f"goaldesk-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


# --- install-desktop / uninstall-desktop ------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under root with file contents (None for folders), for before/after comparison."""
    found: dict[str, bytes | None] = {}
    for dirpath, dirs, names in os.walk(root):
        for name in dirs:
            found[os.path.relpath(Path(dirpath) / name, root)] = None
        for name in names:
            path = Path(dirpath) / name
            found[os.path.relpath(path, root)] = path.read_bytes() if not path.is_symlink() else b"->"
    return found


def fake_bundle(tmp_path: Path) -> Path:
    dist = tmp_path / "dist" / "GoalDesk"
    (dist / "_internal" / "PySide6").mkdir(parents=True)
    exe = dist / "goaldesk"
    exe.write_text('#!/bin/sh\necho fake goaldesk "$@"\n')
    exe.chmod(0o755)
    (dist / "_internal" / "libfake.so.1").write_bytes(b"\x7fELF fake")
    (dist / "_internal" / "PySide6" / "data.bin").write_bytes(b"x" * 100)
    (dist / "_internal" / "libfake.so").symlink_to("libfake.so.1")
    return dist


def run_script(name: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SH, str(LINUX / name)], capture_output=True, text=True, env=env, timeout=60)


def script_env(home: Path, dist: Path, xdg_data: Path | None) -> dict[str, str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "GOALDESK_DIST": str(dist)}
    if xdg_data is not None:
        env["XDG_DATA_HOME"] = str(xdg_data)
    return env


@pytest.mark.parametrize("layout", ["home-only", "xdg-data-home-with-space"])
def test_install_uninstall_round_trip(tmp_path: Path, layout: str) -> None:
    home = tmp_path / "home"
    xdg = home / "my data" if layout == "xdg-data-home-with-space" else None
    data = xdg or home / ".local" / "share"
    # What the user already has: their goals database, another app's menu entry and icon.
    (data / "GoalDesk").mkdir(parents=True)
    (data / "GoalDesk" / "goaldesk.sqlite3").write_bytes(b"SQLite format 3\x00 my goals")
    (data / "applications").mkdir()
    (data / "applications" / "other.desktop").write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=x\n")
    (data / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (data / "icons" / "hicolor" / "48x48" / "apps" / "other.png").write_bytes(b"png")
    before = snapshot(home)
    env = script_env(home, fake_bundle(tmp_path), xdg)

    installed = run_script("install-desktop.sh", env)
    assert installed.returncode == 0, installed.stderr

    app = data / "goaldesk" / "app"
    desktop = data / "applications" / f"{goaldesk.APP_ID}.desktop"
    entry = desktop_entry(desktop)
    assert entry["TryExec"] == str(app / "goaldesk")
    expected_exec = f'"{app / "goaldesk"}"' if " " in str(app) else str(app / "goaldesk")
    assert entry["Exec"] == expected_exec
    assert entry["Icon"] == goaldesk.APP_ID
    for size in icons.APP_ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{goaldesk.APP_ID}.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{goaldesk.APP_ID}.svg").is_file()
    assert (data / "metainfo" / f"{goaldesk.APP_ID}.metainfo.xml").is_file()
    assert (app / "_internal" / "libfake.so").is_symlink()
    ran = subprocess.run([str(app / "goaldesk"), "--version"], capture_output=True, text=True)
    assert ran.stdout.strip() == "fake goaldesk --version"
    # The command on PATH: ~/.local/bin/goaldesk links the installed executable.
    link = home / ".local" / "bin" / "goaldesk"
    assert link.is_symlink() and link.resolve() == (app / "goaldesk").resolve()
    assert "is not on your PATH" in installed.stdout, "the test's PATH lacks ~/.local/bin"
    on_path = shutil.which("goaldesk", path=f"{link.parent}{os.pathsep}{env['PATH']}")
    assert on_path == str(link)
    ran = subprocess.run(["goaldesk", "--version"], capture_output=True, text=True,
                         env={**env, "PATH": f"{link.parent}{os.pathsep}{env['PATH']}"})
    assert ran.stdout.strip() == "fake goaldesk --version"
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout

    manifest = (data / "goaldesk" / "install-manifest.txt").read_text().splitlines()
    assert str(desktop) in manifest and f"{app}/" in manifest and str(link) in manifest
    assert not any("GoalDesk/goaldesk.sqlite3" in line or "other" in line for line in manifest)
    new_files = {str(home / p) for p, body in snapshot(home).items() if body is not None and p not in before}
    assert new_files == {line for line in manifest if not line.endswith("/")}, "the manifest lists every file"

    # Installing again replaces the previous install cleanly; with ~/.local/bin on PATH it says so.
    again = run_script("install-desktop.sh", {**env, "PATH": f"{link.parent}{os.pathsep}{env['PATH']}"})
    assert again.returncode == 0, again.stderr
    assert "not on your PATH" not in again.stdout and f"Command: goaldesk ({link})" in again.stdout
    assert link.is_symlink()

    removed = run_script("uninstall-desktop.sh", env)
    assert removed.returncode == 0, removed.stderr
    assert "not touched" in removed.stdout
    assert snapshot(home) == before, "uninstall leaves exactly what was there before"


def test_install_leaves_someone_elses_goaldesk_command_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    other = home / ".local" / "bin" / "goaldesk"
    other.parent.mkdir(parents=True)
    other.write_text("#!/bin/sh\necho pip-installed goaldesk\n")
    env = script_env(home, fake_bundle(tmp_path), None)
    installed = run_script("install-desktop.sh", env)
    assert installed.returncode == 0, installed.stderr
    assert "left alone" in installed.stderr
    assert not other.is_symlink() and "pip-installed" in other.read_text()
    manifest = (home / ".local" / "share" / "goaldesk" / "install-manifest.txt").read_text().splitlines()
    assert str(other) not in manifest
    removed = run_script("uninstall-desktop.sh", env)
    assert removed.returncode == 0, removed.stderr
    assert "pip-installed" in other.read_text()


def test_install_without_bundle_says_run_make_bundle(tmp_path: Path) -> None:
    env = script_env(tmp_path / "home", tmp_path / "dist" / "GoalDesk", None)
    result = run_script("install-desktop.sh", env)
    assert result.returncode != 0
    assert "make bundle" in result.stderr
    assert not (tmp_path / "home").exists(), "nothing is created when the bundle is missing"


def test_uninstall_without_install_is_harmless(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    result = run_script("uninstall-desktop.sh", script_env(tmp_path / "home", tmp_path, None))
    assert result.returncode == 0
    assert "nothing to remove" in result.stdout


def test_uninstall_ignores_manifest_lines_outside_the_data_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    manifest = home / ".local" / "share" / "goaldesk" / "install-manifest.txt"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(f"{precious}\n{manifest}\n")
    result = run_script("uninstall-desktop.sh", script_env(home, tmp_path, None))
    assert result.returncode == 0
    assert precious.read_text() == "keep me"
    assert "outside" in result.stderr
    assert not manifest.exists()


# --- Debian package, release workflow ---------------------------------------------------------


def _build_deb_module():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_deb", LINUX / "build_deb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_deb"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_deb_control_file_and_changelog_follow_the_identity() -> None:
    build_deb = _build_deb_module()
    identity = build_deb.read_identity()
    assert identity["__version__"] == goaldesk.__version__ and identity["APP_ID"] == goaldesk.APP_ID
    description, releases = build_deb.metainfo_description(METAINFO)
    deps = build_deb.Dependencies(depends={"libc6": ">= 2.36", "libxcb1": ""}, recommends={"libcups2"})
    control = build_deb.control_file(identity, "amd64", deps, 1234, description)
    fields = dict(line.split(": ", 1) for line in control.splitlines() if line and not line.startswith(" "))
    assert fields["Package"] == "goaldesk" and fields["Version"] == goaldesk.__version__
    assert fields["Depends"] == "libc6 (>= 2.36), libxcb1" and fields["Recommends"] == "libcups2"
    assert fields["Installed-Size"] == "1234"
    body = [line for line in control.splitlines() if line.startswith(" ")]
    assert body and all(len(line) <= 80 for line in body)
    changelog = build_deb.debian_changelog(releases)
    assert changelog.startswith(f"goaldesk ({goaldesk.__version__}) unstable; urgency=medium")
    assert "\n -- " in changelog


def test_lintian_overrides_each_have_a_reason() -> None:
    lines = (LINUX / "goaldesk.lintian-overrides").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line and not line.startswith("#"):
            assert line.startswith("goaldesk: ")
            assert lines[number - 1].startswith("#") or lines[number - 1].startswith("goaldesk: "), line


def test_release_workflow_builds_windows_and_macos() -> None:
    """The workflow cannot run here: check at least its shape and that it uses the shared spec."""
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    for needed in ("packaging/build_bundle.py", "packaging\\windows\\goaldesk.iss", "hdiutil create", "--smoke-test"):
        assert needed in text
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(text)
    systems = {entry["os"].split("-")[0] for entry in workflow["jobs"]["bundle"]["strategy"]["matrix"]["include"]}
    assert systems == {"windows", "macos"}


def test_inno_script_takes_the_identity_from_the_command_line() -> None:
    script = (ROOT / "packaging" / "windows" / "goaldesk.iss").read_text(encoding="utf-8")
    assert goaldesk.__version__ not in script
    assert "AppId={#AppId}" in script and "AppVersion={#AppVersion}" in script
    assert "build\\goaldesk\\goaldesk.ico" in script  # where the spec writes the .ico (workpath/goaldesk)
