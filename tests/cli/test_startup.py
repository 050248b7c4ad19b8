"""A run builds only the command it names, yet the whole application is still there for
help: --help lists every command, every command gives its own help, `help COMMAND` reaches
commands of every group, and a mistyped command or option still gets "did you mean"."""

import re

from harness import SleeplogTest, main


class StartupTest(SleeplogTest):
    def commands(self):
        text = self.ok("--help").out
        names = re.findall(r"^  ([a-z]+)  ", text, re.M)
        return names

    def test_help_lists_every_command(self):
        names = self.commands()
        for name in ("bed", "note", "status", "report", "help", "edit", "undo", "child", "config",
                     "export", "import", "backup", "check", "demo", "plan", "next", "tag", "untag", "tags"):
            self.assertIn(name, names)

    def test_every_command_gives_its_own_help(self):
        for name in self.commands():
            with self.subTest(command=name):
                r = self.ok(name, "--help")
                self.assertIn(f"Usage: sleeplog {name}", r.out)

    def test_help_command_reaches_every_group(self):
        for name in ("import", "bed", "plan", "tags", "config"):
            with self.subTest(command=name):
                self.assertRegex(self.ok("help", name).out, rf"Usage: (sleeplog )?{name} ")

    def test_mistakes_still_get_suggestions(self):
        r = self.fails(2, "stauts")
        self.assertIn("did you mean 'status'?", r.err)
        r = self.fails(2, "status", "--hlep")
        self.assertIn("did you mean --help?", r.err)
        r = self.fails(2, "--db", "x.db", "improt", "file.csv")
        self.assertIn("did you mean 'import'?", r.err)

    def test_version_alone_and_with_options(self):
        for args in (["--version"], ["-q", "--version"], ["--db", "x.db", "--version"]):
            with self.subTest(args=args):
                self.assertRegex(self.ok(*args).out, r"^sleeplog \d+\.\d+\.\d+\n$")


if __name__ == "__main__":
    main()
