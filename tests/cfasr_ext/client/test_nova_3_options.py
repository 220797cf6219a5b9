"""nova-3 options Deepgram refuses for Nova-3 are refused here, before anything is sent."""

from __future__ import annotations

import pytest

import cfasr_ext as cf
from tests.cfasr_ext.client.conftest import Runner

WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64


@pytest.mark.parametrize("keywords", ["Cloudflare", "Cloudflare:2", ""])
def test_keywords_is_refused_pointing_to_keyterm(run: Runner, keywords: str) -> None:
    with pytest.raises(cf.OptionError, match="keyterm") as caught:
        run(lambda c: c.nova_3.transcribe(WAV, keywords=keywords))
    assert "Nova-3" in str(caught.value)
    assert run.server.requests == []


def test_keywords_is_refused_on_every_entry_point(run: Runner) -> None:
    with pytest.raises(cf.OptionError, match="keyterm"):
        run(lambda c: c.with_raw_response.nova_3.transcribe(WAV, keywords="Cloudflare"))
    with pytest.raises(cf.OptionError, match="keyterm"):
        run(lambda c: c.transcribe(WAV, model="nova-3", keywords="Cloudflare"))
    assert run.server.requests == []


def test_keywords_left_unset_sends_no_keywords_and_keyterm_still_works(run: Runner) -> None:
    run(lambda c: c.nova_3.transcribe(WAV, keywords=None, keyterm=["Workers AI", "nova"]))
    path = run.server.requests[0].path
    assert "keywords" not in path
    assert path.endswith("?keyterm=Workers%20AI&keyterm=nova")
