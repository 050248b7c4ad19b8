"""tools/check-layers: passes on the real tree and fails, naming file:line and the include,
on a copy of the tree with one upward include planted in it."""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE = pathlib.Path(os.environ.get("SLEEPLOG_SOURCE", pathlib.Path(__file__).resolve().parents[2]))
SCRIPT = SOURCE / "tools" / "check-layers"


def check(root):
    """Runs the script on ROOT; returns (exit status, stdout, stderr)."""
    done = subprocess.run([sys.executable, str(SCRIPT), str(root)], capture_output=True,
                          text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


class CheckLayers(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.folder.name)
        for part in ("src", "include"):
            shutil.copytree(SOURCE / part, self.root / part)

    def tearDown(self):
        self.folder.cleanup()

    def plant(self, relative, line):
        """Adds LINE after the first line of the file RELATIVE of the copy; returns its line number."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = path.read_text().splitlines(keepends=True) if path.exists() else ["// planted\n"]
        lines.insert(1, line + "\n")
        path.write_text("".join(lines))
        return 2

    def test_real_tree_passes(self):
        status, out, err = check(SOURCE)
        self.assertEqual(status, 0, err)
        self.assertIn("every include points down", out)
        self.assertEqual(err, "")

    def test_untouched_copy_passes(self):
        status, _, err = check(self.root)
        self.assertEqual(status, 0, err)

    def test_model_including_cli_fails_naming_file_line_and_header(self):
        line = self.plant("src/model/night.cpp", "#include <sleeplog/cli/output.hpp>")
        status, out, err = check(self.root)
        self.assertEqual(status, 1)
        self.assertIn(f"src/model/night.cpp:{line}: includes <sleeplog/cli/output.hpp>", err)
        self.assertIn("model may not include cli, a higher layer", err)
        self.assertIn("1 include(s) against the layer order", err)
        self.assertNotIn("every include points down", out)

    def test_header_including_a_higher_layer_fails(self):
        line = self.plant("include/sleeplog/time/civil.hpp", "#include <sleeplog/model/event.hpp>")
        status, _, err = check(self.root)
        self.assertEqual(status, 1)
        self.assertIn(f"include/sleeplog/time/civil.hpp:{line}: includes <sleeplog/model/event.hpp>",
                      err)

    def test_exchange_including_the_app_layer_fails(self):
        line = self.plant("src/exchange/import.cpp", "#include <sleeplog/app/settings.hpp>")
        status, _, err = check(self.root)
        self.assertEqual(status, 1)
        self.assertIn(f"src/exchange/import.cpp:{line}: includes <sleeplog/app/settings.hpp>: "
                      "exchange may not include app", err)

    def test_app_including_lower_layers_passes(self):
        self.plant("src/app/settings.cpp", "#include <sleeplog/store/store.hpp>")
        self.plant("src/app/settings.cpp", "#include <sleeplog/exchange/import.hpp>")
        status, _, err = check(self.root)
        self.assertEqual(status, 0, err)

    def test_store_and_report_are_peers(self):
        line = self.plant("src/report/table.cpp", "#include <sleeplog/store/store.hpp>")
        status, _, err = check(self.root)
        self.assertEqual(status, 1)
        self.assertIn(f"src/report/table.cpp:{line}: includes <sleeplog/store/store.hpp>: "
                      "report and store are peers", err)

    def test_cli_including_sqlite_fails(self):
        line = self.plant("src/cli/output.cpp", "#include <sqlite3.h>")
        status, _, err = check(self.root)
        self.assertEqual(status, 1)
        self.assertIn(f"src/cli/output.cpp:{line}: includes <sqlite3.h>: only store may include it",
                      err)

    def test_main_may_include_cli_but_not_an_unknown_layer(self):
        self.plant("src/main.cpp", "#include <sleeplog/cli/run.hpp>")
        self.assertEqual(check(self.root)[0], 0)
        line = self.plant("src/main.cpp", "#include <sleeplog/gui/window.hpp>")
        status, _, err = check(self.root)
        self.assertEqual(status, 1)
        self.assertIn(f"src/main.cpp:{line}: includes <sleeplog/gui/window.hpp>: 'gui' is not a layer",
                      err)

    def test_quoted_include_reaching_into_a_higher_layer_fails(self):
        line = self.plant("src/time/parse.cpp", '#include "../cli/suggest.hpp"')
        (self.root / "src/cli/suggest.hpp").write_text("#pragma once\n")
        status, _, err = check(self.root)
        self.assertEqual(status, 1)
        self.assertIn(f'src/time/parse.cpp:{line}: includes "../cli/suggest.hpp": '
                      "time may not include cli", err)


class RealTree(unittest.TestCase):
    def test_cli_includes_no_sqlite(self):
        offenders = [
            f"{path.relative_to(SOURCE)}:{number}"
            for folder in (SOURCE / "src" / "cli", SOURCE / "include" / "sleeplog" / "cli")
            for path in sorted(folder.rglob("*"))
            if path.is_file()
            for number, line in enumerate(path.read_text().splitlines(), start=1)
            if line.lstrip().startswith("#") and "sqlite3.h" in line
        ]
        self.assertEqual(offenders, [])


if __name__ == "__main__":
    unittest.main()
