#!/usr/bin/env python3
"""Every external program the project's scripts, tests and CMake rules call is installed by a
package that scripts/install-deps.sh names.

A newcomer's machine has only what install-deps.sh installs; a developer's has much more, so a
missing package hides until a bare Debian fails (issue 15: `file`, which CPack's DEB generator
runs, was missing). This check derives the programs from the sources instead of keeping a list:

- shell scripts (scripts/, bench/, tests/, images/image-lib.sh, .ci/run): every word in command
  position, plus the X of `command -v X`, `need_tool X` and `which X`;
- literal system files the scripts read (e.g. /usr/share/OVMF/OVMF_CODE_4M.fd);
- CMake files: the compiler of each project() language, pkg-config and git for their
  find_package, the first word of each add_test/execute_process COMMAND, every find_program name,
  and, for each CPack generator the project selects, the find_program names of CMake's own
  CPack<Generator>.cmake module (those are the programs cpack runs on our behalf).

Each program is resolved on PATH and its owning package found with `dpkg -S`. It passes when the
package is named in install-deps.sh, is installed with one named there (its Depends and
Pre-Depends, recursively: what apt installs with --no-install-recommends), or is a
Priority: required package (present on every Debian, minbase included). A program that is not
installed, or whose package is not provided that way, fails naming the program, where it is
called and the package to add.

Usage: check_install_deps.py SOURCE_DIR [--without PKG]... [--list]
--without drops packages from install-deps.sh's list, to show the check bites.
"""
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

# Words a shell runs without looking on PATH. These are the shells' own, not guessed programs.
SHELL_WORDS = set("""
. : [ [[ ]] { } ! alias bg bind break builtin caller case cd command compgen complete continue
declare dirs disown do done echo elif else enable esac eval exec exit export false fc fg fi for
function getopts hash help history if in jobs kill let local logout mapfile popd printf pushd pwd
read readarray readonly return select set shift shopt source suspend test then time times trap
true type typeset ulimit umask unalias unset until wait while
""".split())
# Words after which the next word is again a command (a prefix command and its options).
PREFIX_COMMANDS = {"exec", "time", "nice", "env", "timeout", "sudo", "xargs", "nohup", "stdbuf", "ionice"}
# Words after which the next word is a program name that must exist.
LOOKUPS = {"need_tool", "which"}
SEPARATORS = {";", "&&", "||", "|", "&", "(", ")", "{", "}", ";;", "|&", "\n", "!"}
KEYWORDS_BEFORE_COMMAND = {"then", "do", "else", "elif", "if", "while", "until", "!", "{", "time"}

# Programs that run inside the image being built (mkosi runs the postinst in the image's root):
# their packages are the image's, listed in images/mkosi.default, not the host's.
NOT_HOST_FILES = {"images/mkosi.postinst"}
# Programs are looked up where Debian's packages put them: not in /usr/local or a user's
# ~/.pyenv, which a newcomer's machine does not have.
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"


def strip_heredocs(lines):
    """Drops here-document bodies (their text is data or another language, not shell)."""
    out, end = [], None
    for line in lines:
        if end is not None:
            out.append("")
            if line.strip() == end:
                end = None
            continue
        out.append(line)
        m = re.search(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1", line)
        if m:
            end = m.group(2)
    return out


def split_substitutions(text):
    """(TEXT with each $( ... ) and ` ... ` replaced by a plain word, [the commands inside them])."""
    outer, inner, i = [], [], 0
    while i < len(text):
        if text[i] == "\\":  # an escaped character, e.g. a literal backtick in a message
            outer.append(text[i : i + 2])
            i += 2
        elif text.startswith("$((", i):  # arithmetic, not a command
            j = text.find("))", i)
            j = len(text) if j < 0 else j + 2
            outer.append("0")
            i = j
        elif text.startswith("$(", i):
            depth, j = 1, i + 2
            while j < len(text) and depth:
                if text[j] == "(":
                    depth += 1
                elif text[j] == ")":
                    depth -= 1
                j += 1
            inner.append(text[i + 2 : j - 1])
            outer.append("$SUBST")
            i = j
        elif text[i] == "`":
            j = text.find("`", i + 1)
            j = len(text) if j < 0 else j
            inner.append(text[i + 1 : j])
            outer.append("$SUBST")
            i = j + 1
        else:
            outer.append(text[i])
            i += 1
    return "".join(outer), inner


def command_texts(text):
    """The line itself and every command substitution in it, nested ones included."""
    outer, inner = split_substitutions(text)
    yield re.sub(r"\(\(.*?\)\)", " true ", outer)  # (( arithmetic )) as a command
    for piece in inner:
        yield from command_texts(piece)


def tokens(text):
    lexer = shlex.shlex(text, posix=True, punctuation_chars=";&|()")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        raw = list(lexer)
    except ValueError:  # an unbalanced quote in a fragment: take what is whole
        raw = text.split()
    # shlex glues neighbouring punctuation ("()", ");"): split it into the shell's operators.
    out = []
    for word in raw:
        if word and all(c in ";&|()" for c in word):
            out += re.findall(r";;|&&|\|\||\|&|[;&|()]", word)
        else:
            out.append(word)
    return out


def commands_in(text, functions):
    """Program names in command position in one logical shell line."""
    found = []
    words = tokens(text)
    at_command = True
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in SEPARATORS or word in KEYWORDS_BEFORE_COMMAND:
            at_command = True
            i += 1
            continue
        if word in ("for", "case", "select"):  # the rest up to `do`/`in` is not a command
            while i < len(words) and words[i] not in (";", "do", "\n", "in"):
                i += 1
            if i < len(words) and words[i] == "in" and word == "case":
                i = len(words)  # the patterns follow on the next lines
            at_command = False
            continue
        if not at_command:
            if word in LOOKUPS or (word == "command" and nxt == "-v"):
                pass
            else:
                i += 1
                continue
        if nxt == ")" and not (i + 2 < len(words) and words[i + 2] == "{"):
            # a case pattern `--flag)` (but `name() {` is a function definition)
            i += 2
            at_command = True
            continue
        if nxt == "(" and i + 2 < len(words) and words[i + 2] == ")":
            functions.add(word)
            i += 3
            continue
        if re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", word):  # VAR=value before a command
            i += 1
            continue
        if word == "command" and nxt == "-v":
            if i + 2 < len(words):
                found.append(words[i + 2])
            i += 3
            at_command = False
            continue
        if word in LOOKUPS:
            if nxt:
                found.append(nxt)
            i += 2
            at_command = False
            continue
        if word in PREFIX_COMMANDS:
            found.append(word)
            i += 1
            # options and their values (`timeout 5`, `nice -n 19`, `env -i`) until the program
            while i < len(words) and (words[i].startswith("-") or re.match(r"^[0-9.]+[smhd]?$", words[i])
                                      or re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[i])):
                i += 1
            at_command = True
            continue
        if word == "chroot":  # what follows runs inside another root, with that root's programs
            found.append(word)
            i = len(words)
            continue
        found.append(word)
        at_command = False
        i += 1
    return found


def plausible_program(word, functions):
    if not word or word in SHELL_WORDS or word in functions:
        return False
    if "$" in word or word.startswith("-") or "*" in word or "=" in word:
        return False
    if word.startswith("/"):
        return True
    if "/" in word:  # a path relative to the project or its build: ours, not a package's
        return False
    return re.match(r"^[A-Za-z0-9][A-Za-z0-9_.+-]*$", word) is not None and not word.isdigit()


def logical_lines(text):
    """(line number, text) per logical line: continuations joined, multi-line quotes kept whole."""
    lines = strip_heredocs(text.splitlines())
    i = 0
    while i < len(lines):
        start, current = i + 1, lines[i]
        while i + 1 < len(lines) and (current.endswith("\\") or unbalanced_quotes(current)):
            i += 1
            current = (current[:-1] if current.endswith("\\") else current + "\n") + lines[i]
        yield start, current
        i += 1


def unbalanced_quotes(text):
    try:
        lexer = shlex.shlex(text, posix=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        list(lexer)
        return False
    except ValueError:
        return True


def shell_programs(path, rel, functions):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    out = []
    for m in re.finditer(r"(?<![\w$})])/usr/(?:share|lib|libexec)/[A-Za-z0-9_.+/-]*[A-Za-z0-9_+]", text):
        if "redgrid" not in m.group(0):  # the project's own installed files are not a package's
            out.append((m.group(0), f"{rel}:{text.count(chr(10), 0, m.start()) + 1}"))
    for number, line in logical_lines(text):
        for piece in command_texts(line):
            for word in commands_in(piece, functions):
                out.append((word, f"{rel}:{number}"))
    return out


def cmake_programs(path, rel, generators, ours):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    out = []
    for m in re.finditer(r"\b(add_test|execute_process|add_custom_command|add_custom_target)\s*\(([^)]*)\)", text, re.S):
        for c in re.finditer(r"\bCOMMAND\s+(\S+)", m.group(2)):
            line = text.count("\n", 0, m.start()) + 1
            out.append((c.group(1), f"{rel}:{line}"))
    for m in re.finditer(r"\bfind_program\s*\(\s*\S+\s+(?:NAMES\s+)?([^)]*)\)", text):
        line = text.count("\n", 0, m.start()) + 1
        for name in m.group(1).split():
            if name.isupper():  # the next keyword (PATHS, HINTS, REQUIRED, ...)
                break
            out.append((name, f"{rel}:{line}"))
    for m in re.finditer(r"\bproject\s*\(([^)]*)\)", text):
        line = text.count("\n", 0, m.start()) + 1
        for language, compiler in (("CXX", "c++"), (" C ", "cc")):
            if language in f" {m.group(1)} ":
                out.append((compiler, f"{rel}:{line} (project {language.strip()})"))
    for m in re.finditer(r"\bfind_package\s*\(\s*(PkgConfig|Git)\b", text):
        line = text.count("\n", 0, m.start()) + 1
        out.append(({"PkgConfig": "pkg-config", "Git": "git"}[m.group(1)], f"{rel}:{line} (find_package)"))
    for m in re.finditer(r"\badd_executable\s*\(\s*([A-Za-z0-9_.+-]+)", text):
        ours.add(m.group(1))
    for m in re.finditer(r"set\s*\(\s*CPACK_GENERATOR\s+([^)]*)\)", text):
        generators.update(g.strip('"') for g in m.group(1).split())
    return out


def cpack_generator_programs(generators):
    """The programs CMake's own CPack module for each generator looks for and runs."""
    out = []
    for generator in sorted(generators):
        for module in glob.glob(f"/usr/share/cmake-*/Modules/Internal/CPack/CPack{generator.capitalize()}.cmake"):
            with open(module, encoding="utf-8") as f:
                text = f.read()
            for m in re.finditer(r"find_program\s*\(\s*\S+\s+(?:NAMES\s+)?([A-Za-z0-9_.+-]+)", text):
                line = text.count("\n", 0, m.start()) + 1
                out.append((m.group(1), f"{module}:{line} (cpack -G {generator})"))
    return out


def install_deps_packages(src):
    with open(os.path.join(src, "scripts/install-deps.sh"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'^PACKAGES="(.*?)"', text, re.S | re.M)
    if not m:
        sys.exit("check_install_deps: no PACKAGES=\"...\" list in scripts/install-deps.sh")
    words = []
    for line in m.group(1).splitlines():
        words += line.split("#", 1)[0].split()
    return set(words)


def candidate_paths(path):
    """PATH, what its symlinks resolve to, and their /usr-merged twins (dpkg knows one of them)."""
    candidates = [path, os.path.realpath(path)]
    for p in list(candidates):
        for a, b in (("/usr/bin/", "/bin/"), ("/usr/sbin/", "/sbin/"), ("/bin/", "/usr/bin/"), ("/sbin/", "/usr/sbin/")):
            if p.startswith(a):
                candidates.append(b + p[len(a):])
    return list(dict.fromkeys(candidates))


def owners_of(paths):
    """{path: [packages]} for every candidate path of PATHS, in one `dpkg -S` (each call is slow)."""
    wanted = sorted({c for p in paths for c in candidate_paths(p)})
    r = subprocess.run(["dpkg", "-S"] + wanted, capture_output=True, text=True)
    owned = {}
    for line in r.stdout.splitlines():
        if line.startswith("diversion") or ": " not in line:
            continue
        packages, owned_path = line.rsplit(": ", 1)
        owned.setdefault(owned_path, []).extend(o.strip().split(":")[0] for o in packages.split(","))
    return {p: list(dict.fromkeys(o for c in candidate_paths(p) for o in owned.get(c, []))) for p in paths}


def installed_packages():
    """{package: (dependencies, virtual names it provides, priority)} of what dpkg has installed."""
    r = subprocess.run(["dpkg-query", "-W", "-f", "${Package}\t${Depends}, ${Pre-Depends}\t${Provides}\t${Priority}\t"
                        "${db:Status-Abbrev}\n"], capture_output=True, text=True, check=True)
    table = {}
    for line in r.stdout.splitlines():
        name, depends, provides, priority, status = (line.split("\t") + [""] * 5)[:5]
        if not status.startswith("ii"):
            continue
        groups = [[a.strip().split(" ")[0].split(":")[0] for a in g.split("|") if a.strip()]
                  for g in depends.split(",") if g.strip()]
        virtual = [p.strip().split(" ")[0] for p in provides.split(",") if p.strip()]
        table[name] = (groups, virtual, priority)
    return table


def closure(packages, table):
    """PACKAGES and everything apt installs with them (Depends and Pre-Depends, recursively)."""
    providers = {}
    for name, (_, virtual, _) in table.items():
        for v in virtual:
            providers.setdefault(v, []).append(name)
    seen, todo = set(), list(packages)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for group in table.get(name, ([], [], ""))[0]:
            choices = [a for a in group if a in table] or [p for a in group for p in providers.get(a, [])]
            todo += choices[:1]
    return seen


def main(argv):
    args = argv[1:]
    if not args:
        sys.exit(__doc__)
    src = os.path.abspath(args[0])
    without = {args[i + 1] for i, a in enumerate(args) if a == "--without" and i + 1 < len(args)}
    listing = "--list" in args

    scripts = sorted(set(glob.glob(f"{src}/scripts/*.sh") + glob.glob(f"{src}/bench/**/*.sh", recursive=True)
                         + glob.glob(f"{src}/tests/**/*.sh", recursive=True) + glob.glob(f"{src}/images/*.sh")
                         + [f"{src}/.ci/run"]))
    cmakes = sorted(set(glob.glob(f"{src}/**/CMakeLists.txt", recursive=True) + glob.glob(f"{src}/cmake/*.cmake")
                        + glob.glob(f"{src}/tests/**/*.cmake", recursive=True)))
    cmakes = [c for c in cmakes if "/build" not in os.path.relpath(c, src).split(os.sep)[0]]

    functions = set()
    calls = []
    # Functions first (a script may call one defined further down or in a sourced library).
    for path in scripts:
        shell_programs(path, os.path.relpath(path, src), functions)
    for path in scripts:
        rel = os.path.relpath(path, src)
        if rel not in NOT_HOST_FILES:
            calls += shell_programs(path, rel, functions)
    generators, ours = set(), set()
    for path in cmakes:
        calls += cmake_programs(path, os.path.relpath(path, src), generators, ours)
    calls += cpack_generator_programs(generators)

    where = {}
    for word, place in calls:
        if word.startswith("${"):
            continue
        if plausible_program(word, functions) and word not in ours:
            where.setdefault(word, []).append(place)

    listed = install_deps_packages(src) - without
    table = installed_packages()
    provided = closure(listed, table)
    problems = []
    resolved = {}
    for program in where:
        path = program if program.startswith("/") else shutil.which(program, path=SYSTEM_PATH)
        if path and os.path.exists(path):
            resolved[program] = path
    owners = owners_of(list(resolved.values()))
    for program in sorted(where):
        path = resolved.get(program)
        places = ", ".join(where[program][:3]) + (" ..." if len(where[program]) > 3 else "")
        if not path:
            problems.append(f"{program}: not installed (called at {places}); add the Debian package that "
                            "provides it to scripts/install-deps.sh")
            continue
        if not owners[path]:
            problems.append(f"{program}: {path} belongs to no Debian package (called at {places})")
            continue
        ok = [o for o in owners[path] if o in provided or table.get(o, ([], [], ""))[2] == "required"]
        if listing:
            print(f"{program}\t{path}\t{','.join(owners[path])}\t{'ok' if ok else 'MISSING'}\t{places}")
        if not ok:
            problems.append(f"{program}: {path} comes from package {' or '.join(owners[path])}, which "
                            f"scripts/install-deps.sh does not install (called at {places}); add "
                            f"'{owners[path][0]}' to its PACKAGES")
    for problem in problems:
        print("check_install_deps: " + problem)
    print(f"check_install_deps: {len(where)} programs called, {len(problems)} not provided by install-deps.sh")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
