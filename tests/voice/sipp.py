"""SIPp as a caller: a scenario from ``sipp/``, the question as an RTP capture, and an RTP port
of the test's own where the gateway's audio arrives."""

from __future__ import annotations

import asyncio
import socket
import struct
import subprocess
import time
from pathlib import Path

from voice import rtp
from voice.sdp import PCMA, PCMU

SCENARIOS = Path(__file__).resolve().parent / "sipp"
KEY_CAPTURES = Path("/usr/share/sip-tester")  # RFC 4733 key presses, shipped with SIPp


def write_rtp_capture(pcm: bytes, path: Path) -> Path:
    """``pcm`` (8 kHz 16-bit mono) as a pcap file of PCMU RTP packets 20 ms apart, which SIPp
    replays with ``play_pcap_audio`` (it takes the UDP payloads and their timing)."""
    chunk = rtp.SAMPLES_PER_PACKET * 2
    loopback = socket.inet_aton("127.0.0.1")
    records = []
    for n, start in enumerate(range(0, len(pcm), chunk)):
        frame = pcm[start : start + chunk].ljust(chunk, b"\x00")
        payload = rtp.from_linear(frame, PCMU)
        packet = rtp.encode_packet(rtp.Packet(PCMU, n, n * rtp.SAMPLES_PER_PACKET, 1, payload))
        udp = struct.pack(">HHHH", 6000, 6000, 8 + len(packet), 0) + packet
        ip = struct.pack(
            ">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), n, 0, 64, 17, 0, loopback, loopback
        )
        ethernet = b"\x00" * 12 + b"\x08\x00" + ip + udp
        micros = n * 20_000
        header = struct.pack("<IIII", micros // 10**6, micros % 10**6, len(ethernet), len(ethernet))
        records.append(header + ethernet)
    pcap_header = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)  # Ethernet links
    path.write_bytes(pcap_header + b"".join(records))
    return path


class AudioCatcher(asyncio.DatagramProtocol):
    """The caller's RTP port: when each of the gateway's audio packets arrived."""

    def __init__(self) -> None:
        self.arrivals: list[float] = []  # on the monotonic clock, one per audio packet

    def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
        packet = rtp.decode_packet(data)
        if packet is not None and packet.payload_type in (PCMU, PCMA):
            self.arrivals.append(time.monotonic())


def scenario(name: str, directory: Path, key: str, **fields: object) -> Path:
    """The scenario ``sipp/<name>.xml`` with its fields filled in, written to ``directory``:
    ``key`` is pressed as an RFC 4733 event; the other fields are the template's own."""
    path = directory / f"{name}.xml"
    template = (SCENARIOS / f"{name}.xml").read_text()
    key_pcap = KEY_CAPTURES / f"dtmf_2833_{key}.pcap"
    path.write_text(template.format(key_pcap=key_pcap, **fields))
    return path


async def run_sipp(
    scenario_file: Path, sip_port: int, call_id: str, timeout_s: float
) -> subprocess.CompletedProcess:
    """One call from SIPp on loopback to the gateway's SIP port, with ``call_id`` as its SIP
    Call-ID (and so the call record's id); SIPp's exit status and output."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        sipp_port = probe.getsockname()[1]
    process = await asyncio.create_subprocess_exec(
        "sipp", f"127.0.0.1:{sip_port}", "-sf", str(scenario_file), "-m", "1",
        "-i", "127.0.0.1", "-p", str(sipp_port), "-mi", "127.0.0.1", "-cid_str", call_id,
        "-timeout", f"{int(timeout_s)}s", "-timeout_error", "-nostdin", "-trace_err", "-nd",
        cwd=scenario_file.parent,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await process.communicate()
    return subprocess.CompletedProcess(
        ["sipp"], process.returncode or 0, output.decode(errors="replace")
    )
