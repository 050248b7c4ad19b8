"""End-to-end: sleeplog as a citizen of the shell. Completions driven through
real bash (with bash-completion), zsh and fish; a drift test between --help, the
completion files and the man page; the man page linted; install and Debian package."""

import glob
import os
import pty
import re
import select
import shlex
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

from harness import BIN, SOURCE, SleeplogTest, main

COMPLETIONS = os.path.join(SOURCE, "completions")
BASH_FILE = os.path.join(COMPLETIONS, "sleeplog.bash")
ZSH_FILE = os.path.join(COMPLETIONS, "_sleeplog")
FISH_FILE = os.path.join(COMPLETIONS, "sleeplog.fish")
MAN_PAGE = os.path.join(SOURCE, "man", "sleeplog.1")
BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"

# Help sections that list options, not commands.
NOT_COMMAND_GROUPS = {"Options", "Global options", "Positionals"}


def need(*tools):
    """Skips the test when a tool is not installed (CI installs them all)."""
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        raise unittest.SkipTest(f"not installed: {', '.join(missing)} (apt-get install them)")


def help_text(*args):
    proc = subprocess.run([BIN, *args, "--help"], capture_output=True, text=True, timeout=60,
                          env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"})
    if proc.returncode != 0:
        raise AssertionError(f"sleeplog {' '.join(args)} --help: exit {proc.returncode}\n{proc.stderr}")
    return proc.stdout


def help_commands(text):
    """Command names listed under the group headings of a --help text, in order."""
    commands, group = [], None
    for line in text.splitlines():
        heading = re.fullmatch(r"([A-Z][A-Za-z ]*):", line)
        if heading:
            group = heading.group(1)
        elif not line.strip():
            group = None
        elif group and group not in NOT_COMMAND_GROUPS:
            found = re.match(r"  ([a-z][a-z-]*)\b", line)
            if found:
                commands.append(found.group(1))
    return commands


def help_options(text):
    """Option names (-x and --long) in the Options sections of a --help text."""
    options, section = set(), None
    for line in text.splitlines():
        heading = re.fullmatch(r"([A-Z][A-Za-z ]*):", line)
        if heading:
            section = heading.group(1)
        elif not line.strip():
            section = None
        elif section in ("Options", "Global options") and line.startswith("  -"):
            names = line.split()[0]
            options.update(re.findall(r"--?[a-z][a-z-]*", names))
    return options


class Cli:
    """What --help says exists: commands, child subcommands, options per command."""

    _cache = None

    @classmethod
    def get(cls):
        if cls._cache is None:
            cls._cache = cls()
        return cls._cache

    def __init__(self):
        top = help_text()
        self.commands = help_commands(top)
        self.globals = help_options(top)
        self.options = {c: help_options(help_text(c)) - {"-h", "--help"} for c in self.commands}
        self.child_subcommands = help_commands(help_text("child"))
        for sub in self.child_subcommands:
            self.options[f"child {sub}"] = help_options(help_text("child", sub)) - {"-h", "--help"}
        self.plan_subcommands = help_commands(help_text("plan"))
        for sub in self.plan_subcommands:
            self.options[f"plan {sub}"] = help_options(help_text("plan", sub)) - {"-h", "--help"}

    def long_options(self):
        every = set(self.globals)
        for opts in self.options.values():
            every |= opts
        return {o for o in every if o.startswith("--")}


class ShellTest(SleeplogTest):
    """A database with two children, a folder of files to import, and `sleeplog` on PATH."""

    children = ["Ada", "Bo"]

    def setUp(self):
        super().setUp()
        self.bin_dir = os.path.join(self.dir, "bin")
        os.makedirs(self.bin_dir)
        os.symlink(os.path.abspath(BIN), os.path.join(self.bin_dir, "sleeplog"))
        self.files = os.path.join(self.dir, "files")
        os.makedirs(self.files)
        for name in ("huckleberry.csv", "night.json"):
            open(os.path.join(self.files, name), "w").close()
        for name in self.children:
            self.ok("child", "add", name)
        # A parent's spreadsheet, for import --columns (outside `files`, whose listing is pinned).
        with open(os.path.join(self.dir, "log.csv"), "w", encoding="utf-8") as f:
            f.write("\ufeffDate,Sleep_Started,Actual_Sleep_Time,Wake_Up_Time,Sleep_Location\r\n"
                    "2/10/2026,7:00 PM,7:20 PM,6:30 AM,Crib\r\n")

    def shell_env(self, **extra):
        return self.env(PATH=self.bin_dir + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
                        **extra)

    def expected_commands(self, prefix):
        return sorted(c for c in Cli.get().commands if c.startswith(prefix))


class BashCompletion(ShellTest):
    def setUp(self):
        need("bash")
        if not os.path.exists(BASH_COMPLETION):
            raise unittest.SkipTest(f"{BASH_COMPLETION} missing (apt-get install bash-completion)")
        super().setUp()

    def complete(self, words, cwd=None):
        """COMPREPLY of _sleeplog for the command line `words` (the last one being completed)."""
        line = " ".join(words)
        script = "\n".join([
            f"source {shlex.quote(BASH_COMPLETION)}",
            f"source {shlex.quote(BASH_FILE)}",
            "COMP_WORDS=(" + " ".join(shlex.quote(w) for w in words) + ")",
            f"COMP_CWORD={len(words) - 1}",
            f"COMP_LINE={shlex.quote(line)}",
            "COMP_POINT=${#COMP_LINE}",
            f"_sleeplog sleeplog {shlex.quote(words[-1])} {shlex.quote(words[-2])}",
            "printf '%s\\n' \"${COMPREPLY[@]}\"",
        ])
        proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True,
                              text=True, env=self.shell_env(), cwd=cwd or self.dir, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return sorted(w for w in proc.stdout.splitlines() if w)

    def test_commands_starting_with_ch(self):
        self.assertEqual(self.complete(["sleeplog", "ch"]), self.expected_commands("ch"))

    def test_export_formats(self):
        self.assertEqual(self.complete(["sleeplog", "export", "--format", ""]), ["csv", "json", "jsonl"])
        self.assertEqual(self.complete(["sleeplog", "nights", "--format", ""]), ["csv", "json", "text"])

    def test_children_from_the_database(self):
        self.assertEqual(self.complete(["sleeplog", "--child", ""]), self.children)
        self.assertEqual(self.complete(["sleeplog", "-c", "B"]), ["Bo"])
        self.assertEqual(self.complete(["sleeplog", "child", "rename", ""]), self.children)

    def test_children_from_a_db_given_on_the_line(self):
        other = os.path.join(self.dir, "other.db")
        self.ok("--db", other, "child", "add", "Cy")
        self.assertEqual(self.complete(["sleeplog", "--db", other, "--child", ""]), ["Cy"])
        missing = os.path.join(self.dir, "missing.db")
        self.assertEqual(self.complete(["sleeplog", "--db", missing, "--child", ""]), [])
        self.assertFalse(os.path.exists(missing))

    def test_import_completes_file_names(self):
        self.assertEqual(self.complete(["sleeplog", "import", ""], cwd=self.files),
                         ["huckleberry.csv", "night.json"])
        self.assertEqual(self.complete(["sleeplog", "backup", "n"], cwd=self.files), ["night.json"])

    def test_values_of_other_options(self):
        self.assertEqual(self.complete(["sleeplog", "import", "x.csv", "--from", "baby"]),
                         ["babybuddy", "babyconnect", "babytracker"])
        self.assertEqual(self.complete(["sleeplog", "--color", ""]), ["always", "auto", "never"])
        self.assertEqual(self.complete(["sleeplog", "list", "--kind", "c"]), ["checkin", "cry"])
        self.assertEqual(self.complete(["sleeplog", "config", ""]),
                         sorted(["night-boundary", "week-start", "target-bedtime", "default-child",
                                 "caregiver", "naps", "disruptions", "replica-name"]))
        self.assertEqual(self.complete(["sleeplog", "config", "naps", ""]), ["auto", "logged", "untracked"])
        self.assertEqual(self.complete(["sleeplog", "sync", "con"]), ["conflicts"])
        self.assertEqual(self.complete(["sleeplog", "plan", ""]), sorted(Cli.get().plan_subcommands))
        self.assertEqual(self.complete(["sleeplog", "plan", "start", "c"]), ["chair", "checks"])
        self.assertEqual(self.complete(["sleeplog", "plan", "start", "ferber", "--timer", ""]),
                         ["crying", "waking"])
        self.assertEqual(self.complete(["sleeplog", "tag", "last", "t"]), ["teething", "travel"])
        self.assertEqual(self.complete(["sleeplog", "cry", ""]), ["start", "stop"])
        self.assertEqual(self.complete(["sleeplog", "child", ""]),
                         sorted(Cli.get().child_subcommands))

    def test_columns_offers_the_keys_then_the_files_column_names(self):
        line = ["sleeplog", "import", "log.csv", "--from", "sheet", "--columns"]
        self.assertEqual(self.complete(line + ["a"]), ["asleep="])
        self.assertEqual(self.complete(line + ["date=S"]), ["date=Sleep_Location", "date=Sleep_Started"])
        self.assertEqual(self.complete(line + ["date=Date,up=W"]), ["date=Date,up=Wake_Up_Time"])
        self.assertEqual(self.complete(line + ["date=Date,b"]), ["date=Date,bed="])
        self.assertEqual(self.complete(["sleeplog", "import", "log.csv", "--date-order", ""]), ["dmy", "mdy", "ymd"])

    def test_options_of_every_command_match_help(self):
        cli = Cli.get()
        for command in cli.commands:
            offered = set(self.complete(["sleeplog", command, "-"]))
            wanted = (cli.options[command] | cli.globals) - {"-h"}
            with self.subTest(command=command):
                self.assertEqual(offered - {"-h"}, wanted)
        for sub in cli.child_subcommands:
            offered = set(self.complete(["sleeplog", "child", sub, "-"]))
            with self.subTest(command=f"child {sub}"):
                self.assertEqual(offered - {"-h"}, (cli.options[f"child {sub}"] | cli.globals) - {"-h"})
        for sub in cli.plan_subcommands:
            offered = set(self.complete(["sleeplog", "plan", sub, "-"]))
            with self.subTest(command=f"plan {sub}"):
                self.assertEqual(offered - {"-h"}, (cli.options[f"plan {sub}"] | cli.globals) - {"-h"})


class FishCompletion(ShellTest):
    def setUp(self):
        need("fish")
        super().setUp()

    def complete(self, line, cwd=None):
        """Candidates of fish's `complete -C` for the command line (descriptions dropped)."""
        script = f"source {shlex.quote(FISH_FILE)}; complete -C {shlex.quote(line)}"
        proc = subprocess.run(["fish", "--no-config", "-c", script], capture_output=True, text=True,
                              env=self.shell_env(), cwd=cwd or self.dir, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return sorted(w.split("\t")[0] for w in proc.stdout.splitlines() if w)

    def test_commands_starting_with_ch(self):
        self.assertEqual(self.complete("sleeplog ch"), self.expected_commands("ch"))

    def test_export_formats(self):
        self.assertEqual(self.complete("sleeplog export --format "), ["csv", "json", "jsonl"])
        self.assertEqual(self.complete("sleeplog --format "), ["csv", "json", "text"])

    def test_children_from_the_database(self):
        self.assertEqual(self.complete("sleeplog --child "), self.children)
        self.assertEqual(self.complete("sleeplog child default "), self.children)
        other = os.path.join(self.dir, "other.db")
        self.ok("--db", other, "child", "add", "Cy")
        self.assertEqual(self.complete(f"sleeplog --db {other} -c "), ["Cy"])

    def test_import_completes_file_names(self):
        self.assertEqual(self.complete("sleeplog import ", cwd=self.files),
                         ["huckleberry.csv", "night.json"])

    def test_values_of_other_options(self):
        self.assertEqual(self.complete("sleeplog import x.csv --from g"), ["glow"])
        self.assertEqual(self.complete("sleeplog list --kind c"), ["checkin", "cry"])
        self.assertEqual(self.complete("sleeplog --child Ada nap s"), ["start", "stop"])
        self.assertEqual(self.complete("sleeplog config week-start "), ["mon", "sun"])
        self.assertEqual(self.complete("sleeplog config naps "), ["auto", "logged", "untracked"])
        self.assertEqual(self.complete("sleeplog plan start f"), ["fading", "ferber"])
        self.assertEqual(self.complete("sleeplog tag last s"), ["sick"])

    def test_columns_offers_the_keys_then_the_files_column_names(self):
        self.assertEqual(self.complete("sleeplog import log.csv --from sheet --columns date=Date,up=W"),
                         ["date=Date,up=Wake_Up_Time"])
        self.assertEqual(self.complete("sleeplog import log.csv --columns a"), ["asleep="])
        self.assertEqual(self.complete("sleeplog import log.csv --date-order m"), ["mdy"])

    def test_options_of_every_command_match_help(self):
        cli = Cli.get()
        for command in cli.commands:
            offered = {w for w in self.complete(f"sleeplog {command} -") if w.startswith("-")}
            with self.subTest(command=command):
                self.assertEqual(offered, cli.options[command] | cli.globals | {"-h"})
        for sub in cli.plan_subcommands:
            offered = {w for w in self.complete(f"sleeplog plan {sub} -") if w.startswith("-")}
            with self.subTest(command=f"plan {sub}"):
                self.assertEqual(offered, cli.options[f"plan {sub}"] | cli.globals | {"-h"})


class ZshCompletion(ShellTest):
    """zsh completes only inside its line editor, so a real interactive zsh runs on a
    pseudo-terminal; a compadd wrapper appends every match it is given to a file, and a
    post-completion hook marks the end of the listing."""

    zshrc = r"""
PS1='' RPROMPT=''
fpath=("$SLEEPLOG_COMPLETIONS" $fpath)
autoload -Uz compinit && compinit -u -d "$ZDOTDIR/.zcompdump"
zstyle ':completion:*' list-grouped false
compadd() {
  local arg
  for arg in "$@"; do
    [[ $arg == (-|--) ]] && break
    # Calls that only collect matches into arrays are completion internals.
    if [[ $arg == -[OAD]* ]]; then builtin compadd "$@"; return; fi
  done
  local -a hits
  builtin compadd -O hits "$@"
  (( $#hits )) && print -rl -- "${hits[@]}" >> "$SLEEPLOG_CAPTURE"
  builtin compadd "$@"
}
_sleeplog_test_done() { print -r -- '<<done>>' >> "$SLEEPLOG_CAPTURE" }
comppostfuncs=(_sleeplog_test_done)
bindkey '^I' complete-word
print -r -- '<<ready>>' >> "$SLEEPLOG_CAPTURE"
"""

    def setUp(self):
        need("zsh")
        super().setUp()
        self.zdotdir = os.path.join(self.dir, "zsh")
        os.makedirs(self.zdotdir)
        with open(os.path.join(self.zdotdir, ".zshrc"), "w") as f:
            f.write(self.zshrc)
        self.capture = os.path.join(self.dir, "zsh-capture")

    def complete(self, line, cwd=None):
        """Matches zsh offers when TAB is pressed after `line`."""
        open(self.capture, "w").close()
        env = self.shell_env(ZDOTDIR=self.zdotdir, SLEEPLOG_CAPTURE=self.capture,
                             SLEEPLOG_COMPLETIONS=COMPLETIONS, TERM="dumb")
        pid, fd = pty.fork()
        if pid == 0:  # the child: an interactive zsh on the pseudo-terminal
            try:
                os.chdir(cwd or self.dir)
                os.execvpe("zsh", ["zsh", "-i"], env)
            finally:
                os._exit(127)
        try:
            self.wait_for(fd, "<<ready>>")
            os.write(fd, line.encode() + b"\t")
            self.wait_for(fd, "<<done>>")
            with open(self.capture) as f:
                text = f.read()
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(fd)
        listing = text.split("<<ready>>\n", 1)[1]
        return sorted(set(w for w in listing.splitlines() if w and w != "<<done>>"))

    def wait_for(self, fd, mark, limit=30.0):
        """Drains the terminal until `mark` is in the capture file, at most `limit` seconds."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
            with open(self.capture) as f:
                if mark in f.read():
                    return
        self.fail(f"zsh did not reach {mark} within {limit} s")

    def test_commands_starting_with_ch(self):
        self.assertEqual(self.complete("sleeplog ch"), self.expected_commands("ch"))

    def test_export_formats(self):
        self.assertEqual(self.complete("sleeplog export --format "), ["csv", "json", "jsonl"])
        self.assertEqual(self.complete("sleeplog --format "), ["csv", "json", "text"])

    def test_children_from_the_database(self):
        self.assertEqual(self.complete("sleeplog --child "), self.children)
        other = os.path.join(self.dir, "other.db")
        self.ok("--db", other, "child", "add", "Cy")
        self.assertEqual(self.complete(f"sleeplog --db {other} child rename "), ["Cy"])

    def test_import_completes_file_names(self):
        self.assertEqual(self.complete("sleeplog import ", cwd=self.files),
                         ["huckleberry.csv", "night.json"])

    def test_values_of_other_options(self):
        self.assertEqual(self.complete("sleeplog import x.csv --from baby"),
                         ["babybuddy", "babyconnect", "babytracker"])
        self.assertEqual(self.complete("sleeplog cry "), ["start", "stop"])
        self.assertEqual(self.complete("sleeplog config week-start "), ["mon", "sun"])
        self.assertEqual(self.complete("sleeplog config naps "), ["auto", "logged", "untracked"])
        self.assertEqual(self.complete("sleeplog plan start ch"), ["chair", "checks"])

    def test_columns_offers_the_file_column_names(self):
        self.assertEqual(self.complete("sleeplog import log.csv --from sheet --columns date=Sleep_S"),
                         ["Sleep_Started"])
        self.assertEqual(self.complete("sleeplog import log.csv --date-order "), ["dmy", "mdy", "ymd"])


def normalized_roff(text):
    """Roff source as plain text: font escapes dropped, \\- and \\e made literal."""
    text = re.sub(r"\\f(\(..|\[[^]]*\]|.)", "", text)
    text = text.replace("\\-", "-").replace("\\e", "\\").replace("\\%", "").replace("\\&", "")
    return text


def man_sections(text):
    """{section name: its source lines} of a man page."""
    sections, name = {}, None
    for line in text.splitlines():
        if line.startswith(".SH "):
            name = line[4:].strip().strip('"')
            sections[name] = []
        elif name:
            sections[name].append(line)
    return sections


def man_command_entries(text):
    """{command words: entry text} of the COMMANDS section: each .TP tag names a command
    (`child add` for subcommands); the entry runs to the next .TP or .SS."""
    lines = man_sections(text)["COMMANDS"]
    entries, key, depth = {}, None, 0
    for i, line in enumerate(lines):
        if line.startswith(".RS"):
            depth += 1
        elif line.startswith(".RE"):
            depth -= 1
        if depth == 0 and line.startswith(".TP") and i + 1 < len(lines):
            words = re.sub(r"^\.\w+\s+", "", normalized_roff(lines[i + 1])).split()
            key = words[0] if words[0] not in ("child", "plan") else " ".join(words[:2])
            entries[key] = ""
        elif line.startswith(".SS"):
            key = None
        elif key:
            entries[key] += normalized_roff(line) + "\n"
    return entries


def completion_commands():
    """{file: the top-level command names each completion file offers}."""
    with open(BASH_FILE) as f:
        bash = f.read()
    with open(ZSH_FILE) as f:
        zsh = f.read()
    with open(FISH_FILE) as f:
        fish = f.read()
    bash_list = re.search(r'_sleeplog_commands="([^"]*)"', bash).group(1).split()
    zsh_body = re.search(r"_sleeplog_commands\(\)\n\{(.*?)\n\}", zsh, re.S).group(1)
    zsh_list = re.findall(r"^\s+['\"]([a-z]+):", zsh_body, re.M)
    fish_list = re.findall(r"-n __sleeplog_needs_command -a (\S+)", fish)
    return {BASH_FILE: bash_list, ZSH_FILE: zsh_list, FISH_FILE: fish_list}


class Drift(unittest.TestCase):
    """Everything --help names is in each completion file and the man page, and nothing
    there names a command that does not exist."""

    def setUp(self):
        self.cli = Cli.get()
        with open(MAN_PAGE) as f:
            self.man = f.read()

    def test_help_lists_every_command_of_the_spec(self):
        spec = ("bed asleep woke up cry checkin feed nap note status show list nights summary "
                "trend chart report help edit rm undo child config export import check backup demo plan next "
                "tag untag tags sync").split()
        self.assertEqual(sorted(self.cli.commands), sorted(spec))
        self.assertEqual(self.cli.child_subcommands, ["add", "list", "rename", "edit", "default"])
        self.assertEqual(self.cli.plan_subcommands,
                         ["start", "show", "stop", "list", "hold", "review"])

    def test_completion_files_offer_exactly_the_commands(self):
        for path, commands in completion_commands().items():
            with self.subTest(file=os.path.basename(path)):
                self.assertEqual(sorted(commands), sorted(self.cli.commands))

    def test_completion_files_name_every_option_and_subcommand(self):
        words = (self.cli.long_options() | set(self.cli.child_subcommands) |
                 set(self.cli.plan_subcommands))
        for path in (BASH_FILE, ZSH_FILE, FISH_FILE):
            with open(path) as f:
                text = f.read()
            for word in sorted(words):
                # fish spells --name as `-l name`.
                spelled = [word, f"-l {word[2:]}"] if word.startswith("--") else [word]
                with self.subTest(file=os.path.basename(path), word=word):
                    self.assertTrue(any(re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", text)
                                        for s in spelled))

    def test_man_page_commands_are_those_of_help(self):
        entries = man_command_entries(self.man)
        named = {key.split()[0] for key in entries}
        self.assertEqual(named, set(self.cli.commands))
        subs = {key.split()[1] for key in entries if key.startswith("child ")}
        self.assertEqual(subs, set(self.cli.child_subcommands))
        plan_subs = {key.split()[1] for key in entries if key.startswith("plan ")}
        self.assertEqual(plan_subs, set(self.cli.plan_subcommands))

    def test_man_page_entry_of_each_command_names_its_options(self):
        entries = man_command_entries(self.man)
        for command, options in self.cli.options.items():
            if command in ("child", "plan"):
                continue
            for option in sorted(o for o in options if o.startswith("--")):
                with self.subTest(command=command, option=option):
                    self.assertRegex(entries[command], rf"(?<![\w-]){re.escape(option)}(?![\w-])")

    def test_man_page_documents_the_global_options_and_environment(self):
        sections = man_sections(self.man)
        options = normalized_roff("\n".join(sections["OPTIONS"]))
        for option in sorted(self.cli.globals):
            with self.subTest(option=option):
                self.assertRegex(options, rf"(?<![\w-]){re.escape(option)}(?![\w-])")
        environment = normalized_roff("\n".join(sections["ENVIRONMENT"]))
        for var in ("SLEEPLOG_DB", "SLEEPLOG_NOW", "SLEEPLOG_CHILD", "SLEEPLOG_BY", "TZ", "NO_COLOR",
                    "TERM", "XDG_DATA_HOME", "LANG", "LC_ALL"):
            with self.subTest(var=var):
                self.assertRegex(environment, rf"\b{var}\b")

    def test_man_page_has_the_sections_and_metric_definitions(self):
        sections = man_sections(self.man)
        for name in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "TIME FORMATS",
                     "NIGHTS AND METRICS", "FILES", "ENVIRONMENT", "EXIT STATUS", "EXAMPLES"):
            self.assertIn(name, sections)
        metrics = normalized_roff("\n".join(sections["NIGHTS AND METRICS"]))
        columns = ("bedtime asleep sol_min wakings waso_min final_wake up twak_min tib_min tst_min "
                   "se_pct longest_stretch_min cry_min cry_episodes checkins checkin_min feeds naps "
                   "nap_min sleep_24h_min complete concern concern_reasons consistency_pct sri").split()
        for column in columns:
            with self.subTest(metric=column):
                self.assertTrue(re.search(rf"(?m)^\.TP\n\.BR? [^\n]*(?<![\w-]){column}(?![\w-])", metrics),
                                f"{column} is not a .TP tag of NIGHTS AND METRICS")
        for fact in ("1440", "200 \\(mu matches / pairs", "\\(+-15 minutes", "more than 3 wakings",
                     "540 minutes", "sample standard deviation"):
            self.assertIn(fact, metrics.replace("\n", " "))
        examples = normalized_roff("\n".join(sections["EXAMPLES"]))
        self.assertIn("sleeplog bed", examples)
        self.assertIn("sleeplog summary", examples)
        self.assertRegex(examples, r"sleeplog export [^\n]*\|")


class ManLint(unittest.TestCase):
    def test_groff_renders_without_warnings(self):
        need("groff")
        proc = subprocess.run(["groff", "-man", "-ww", "-z", MAN_PAGE], capture_output=True,
                              text=True, timeout=60)
        self.assertEqual((proc.returncode, proc.stderr), (0, ""))

    def test_mandoc_lint_is_clean(self):
        need("mandoc")
        proc = subprocess.run(["mandoc", "-Tlint", MAN_PAGE], capture_output=True, text=True,
                              timeout=60)
        self.assertEqual((proc.returncode, proc.stdout + proc.stderr), (0, ""))

    def test_renders_the_commands_as_text(self):
        need("groff")
        proc = subprocess.run(["groff", "-man", "-Tutf8", "-P", "-cbou", MAN_PAGE],
                              capture_output=True, text=True, timeout=60,
                              env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"})
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("sleeplog export --nights --last 14 | awk -F, 'NR > 1 { print $1, $12 }'",
                      proc.stdout)
        self.assertIn("SRI = 200 × matches / pairs - 100", " ".join(proc.stdout.split()))


class Install(unittest.TestCase):
    installed = ["bin/sleeplog", "share/man/man1/sleeplog.1",
                 "share/bash-completion/completions/sleeplog",
                 "share/zsh/site-functions/_sleeplog",
                 "share/fish/vendor_completions.d/sleeplog.fish"]

    def setUp(self):
        self.build = os.path.dirname(os.path.abspath(BIN))
        if not os.path.exists(os.path.join(self.build, "cmake_install.cmake")):
            self.skipTest(f"{self.build} is not a CMake build folder")
        self.tmp = tempfile.mkdtemp(prefix="sleeplog-install-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_cmake_install_into_a_prefix(self):
        need("cmake")
        prefix = os.path.join(self.tmp, "prefix")
        proc = subprocess.run(["cmake", "--install", self.build, "--prefix", prefix],
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        for path in self.installed:
            with self.subTest(path=path):
                self.assertTrue(os.path.isfile(os.path.join(prefix, path)))
        with open(os.path.join(prefix, "share/man/man1/sleeplog.1")) as a, open(MAN_PAGE) as b:
            self.assertEqual(a.read(), b.read())
        version = subprocess.run([os.path.join(prefix, "bin/sleeplog"), "--version"],
                                 capture_output=True, text=True, timeout=60)
        self.assertRegex(version.stdout, r"^sleeplog \d+\.\d+\.\d+\n$")
        # The installed program finds its tzdb module (when the build made one) for a zone
        # named other than the local one.
        modules = glob.glob(os.path.join(prefix, "lib*", "**", "sleeplog-tzdb.so"), recursive=True)
        if os.path.exists(os.path.join(self.build, "sleeplog-tzdb.so")):
            self.assertEqual(len(modules), 1, modules)
        glow = os.path.join(self.tmp, "glow.csv")
        with open(glow, "w", encoding="utf-8") as f:
            f.write("Begin time,End time\n10/31/2026 7:30:00 PM,11/01/2026 6:15:00 AM\n")
        env = dict(os.environ, TZ="Europe/Berlin", SLEEPLOG_NOW="2026-11-02T09:00:00+01:00",
                   SLEEPLOG_DB=os.path.join(self.tmp, "installed.db"))
        imported = subprocess.run([os.path.join(prefix, "bin/sleeplog"), "import", glow, "--from",
                                   "glow", "--tz", "America/New_York"],
                                  capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(imported.returncode, 0, imported.stderr)
        listed = subprocess.run([os.path.join(prefix, "bin/sleeplog"), "list", "--since",
                                 "2026-10-01", "--format", "csv"],
                                capture_output=True, text=True, timeout=60, env=env)
        self.assertIn("2026-11-01T06:15:00-05:00", listed.stdout)  # New York, not Berlin

    def test_cpack_builds_a_debian_package(self):
        need("cpack", "dpkg-deb")
        config = os.path.join(self.build, "CPackConfig.cmake")
        self.assertTrue(os.path.exists(config), "CMakeLists.txt must include(CPack)")
        out = os.path.join(self.tmp, "package")
        proc = subprocess.run(["cpack", "-G", "DEB", "--config", config, "-B", out],
                              capture_output=True, text=True, timeout=600)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        debs = glob.glob(os.path.join(out, "*.deb"))
        self.assertEqual(len(debs), 1, os.listdir(out))
        listing = subprocess.run(["dpkg-deb", "-c", debs[0]], capture_output=True, text=True,
                                 timeout=60)
        self.assertEqual(listing.returncode, 0, listing.stderr)
        files = {line.split()[-1] for line in listing.stdout.splitlines()}
        for path in self.installed:
            with self.subTest(path=path):
                self.assertIn(f"./usr/{path}", files)
        fields = subprocess.run(["dpkg-deb", "-f", debs[0], "Package", "Depends", "Maintainer"],
                                capture_output=True, text=True, timeout=60).stdout
        self.assertIn("Package: sleeplog", fields)
        self.assertRegex(fields, r"Depends: .*libsqlite3-0.*libdate-tz3")
        if os.path.exists(os.path.join(self.build, "sleeplog-tzdb.so")):
            self.assertNotIn("libfmt9", fields)  # fmt is compiled in
            self.assertTrue([f for f in files if f.endswith("/sleeplog/sleeplog-tzdb.so")], files)
        self.assertRegex(fields, r"Maintainer: \S+")


if __name__ == "__main__":
    main()
