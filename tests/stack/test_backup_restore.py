"""The restore drill on PostgreSQL: data and media are backed up, restored into a fresh EMPTY database and media
folder, and every table's row count and content digest, every sequence and every media file's checksum match."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from . import support

pytestmark = pytest.mark.stack

DIGEST_SQL = "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t"  # noqa: S608


def snapshot(url: str) -> dict:
    """Per table (rows, content digest) and per sequence its last value."""
    tables = [
        r[0]
        for r in support.pg_query(
            url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    found = {}
    for table in tables:
        (count, digest) = support.pg_query(url, DIGEST_SQL.format(table=f'"{table}"'))[0]
        found[table] = (count, digest)
    for (seq,) in support.pg_query(url, "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"):
        found[f"seq:{seq}"] = support.pg_query(url, f'SELECT last_value, is_called FROM "{seq}"')[0]  # noqa: S608
    return found


def checksums(root) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def test_backup_then_restore_into_an_empty_database_gives_the_same_data(stack_db, tmp_path):
    _name, src = stack_db
    src_media = tmp_path / "media-src"
    (src_media / "attachments" / "2025").mkdir(parents=True)
    (src_media / "attachments" / "2025" / "成果说明书.pdf").write_bytes(b"%PDF-1.4 demo " * 500)
    (src_media / "reports" / "r1.bin").parent.mkdir(parents=True)
    (src_media / "reports" / "r1.bin").write_bytes(bytes(range(256)) * 64)
    env = support.stack_env(src, MEDIA_ROOT=str(src_media), CELERY_BROKER_URL="")
    support.manage(env, "seed_demo")
    before = snapshot(src)
    assert before["accounts_user"][0] >= 12  # the demo data is really there

    folder = tmp_path / "backup"
    out = support.manage(env, "backup", "--output", str(folder))
    assert "backup written" in out
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == {"database.dump", "media.tar.gz"}
    assert manifest["row_counts"]["accounts_user"] == before["accounts_user"][0]
    assert manifest["media"] == checksums(src_media)
    after_backup = snapshot(src)  # the backup records an audit event, included in the dump

    with support.throwaway_database(None, prefix="chengguo_restore") as (_dst_name, dst):
        dst_media = tmp_path / "media-dst"
        dst_env = support.stack_env(dst, MEDIA_ROOT=str(dst_media), CELERY_BROKER_URL="")
        out = support.manage(dst_env, "restore", str(folder))
        assert "match the manifest" in out
        restored = snapshot(dst)
        assert restored == after_backup  # every table: same rows, same content; every sequence: same position
        assert checksums(dst_media) == checksums(src_media)
        print(
            f"restore drill: {len([k for k in restored if not k.startswith('seq:')])} tables, "
            f"{sum(v[0] for k, v in restored.items() if not k.startswith('seq:'))} rows, "
            f"{len(checksums(dst_media))} media files identical"
        )

        # a second restore into the now non-empty database is refused and changes nothing
        with pytest.raises(AssertionError, match="not empty"):
            support.manage(dst_env, "restore", str(folder))
        assert snapshot(dst) == restored

    # a damaged backup is refused before anything is touched
    damaged = tmp_path / "damaged"
    shutil.copytree(folder, damaged)
    data = bytearray((damaged / "media.tar.gz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (damaged / "media.tar.gz").write_bytes(bytes(data))
    with support.throwaway_database(None, prefix="chengguo_restore") as (_n, dst2):
        dst2_env = support.stack_env(dst2, MEDIA_ROOT=str(tmp_path / "media-dst2"), CELERY_BROKER_URL="")
        with pytest.raises(AssertionError, match="checksum differs"):
            support.manage(dst2_env, "restore", str(damaged))
        assert support.pg_query(dst2, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]
