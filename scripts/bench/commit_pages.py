#!/usr/bin/env python3
"""Which tables and indexes each commit writes: reads the write-ahead log of a database that a
collector is writing (a copy of it and of its -wal, taken at once), and counts, per commit still in
the log, the distinct pages of each b-tree (named through SQLite's dbstat). Every page a commit
touches is written to the log whole, so pages per commit times the page size is what a commit costs.

  scripts/bench/commit_pages.py DATABASE
"""
import collections, os, shutil, sqlite3, struct, sys, tempfile

if len(sys.argv) != 2:
    raise SystemExit(__doc__)
database = sys.argv[1]
work = tempfile.mkdtemp(prefix="commit-pages-")
copy = os.path.join(work, "copy.db")
shutil.copy(database, copy)
shutil.copy(database + "-wal", copy + "-wal")
log = open(copy + "-wal", "rb").read()

_, _, page_size, _, salt1, salt2, _, _ = struct.unpack(">8I", log[:32])
commits, pages, offset = [], [], 32
while offset + 24 + page_size <= len(log):
    page, commit_size, frame_salt1, frame_salt2 = struct.unpack(">4I", log[offset:offset + 16])
    if (frame_salt1, frame_salt2) != (salt1, salt2):
        break  # frames of an earlier round of the log
    pages.append(page)
    if commit_size:
        commits.append(set(pages))
        pages = []
    offset += 24 + page_size

# Reading the copy replays its log into its own view: every page maps to the b-tree that holds it now.
owner = {page: name for name, page in sqlite3.connect(copy).execute("SELECT name, pageno FROM dbstat")}
shutil.rmtree(work)
if not commits:
    raise SystemExit("no commit in the log (it was checkpointed just now): try again")
per_tree = collections.Counter(owner.get(page, "(free or new)") for commit in commits for page in commit)
total = sum(len(commit) for commit in commits)
print(f"{len(commits)} commits in the log, {page_size}-byte pages: {total / len(commits):.1f} pages "
      f"({total / len(commits) * page_size / 1024:.0f} KiB) a commit")
for name, count in per_tree.most_common():
    print(f"  {count / len(commits):6.1f}  {name}")
