"""Make the demo blog's two short audio sketches (linernotes/transfer/demo/).

They are synthesised here from sine and square waves, so the demo ships no one
else's recording: an arpeggio with a drum, and slow chords. Run it again to
remake the files (needs numpy and Debian's sox with libsox-fmt-mp3):

    .venv/bin/python scripts/make_demo_audio.py
"""

import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

RATE = 22_050
OUT = Path(__file__).resolve().parent.parent / "linernotes" / "transfer" / "demo"


def note(name: str) -> float:
    """The frequency of a note such as "A3" or "C#4" (A4 = 440 Hz)."""
    steps = {"C": -9, "D": -7, "E": -5, "F": -4, "G": -2, "A": 0, "B": 2}
    pitch, octave = name[:-1], int(name[-1])
    semitones = steps[pitch[0]] + pitch.count("#") + 12 * (octave - 4)
    return 440.0 * 2 ** (semitones / 12)


def envelope(length: int, attack: float, release: float) -> np.ndarray:
    """Rise over ``attack`` seconds, fall over ``release`` at the end."""
    shape = np.ones(length)
    rise, fall = int(attack * RATE), int(release * RATE)
    shape[:rise] = np.linspace(0, 1, rise)
    shape[length - fall :] *= np.linspace(1, 0, fall)
    return shape


def tone(freq: float, seconds: float, *, square: float = 0.0) -> np.ndarray:
    """A sine, mixed with a soft square wave by ``square`` (0 to 1)."""
    t = np.arange(int(seconds * RATE)) / RATE
    sine = np.sin(2 * np.pi * freq * t)
    return (1 - square) * sine + square * np.tanh(4 * sine)


def kick(seconds: float) -> np.ndarray:
    """A drum: a sine falling from 120 to 45 Hz, dying away fast."""
    t = np.arange(int(seconds * RATE)) / RATE
    freq = 45 + 75 * np.exp(-t * 30)
    return np.sin(2 * np.pi * np.cumsum(freq) / RATE) * np.exp(-t * 9)


def montage() -> np.ndarray:
    """Eight seconds at 120 beats a minute: an arpeggio in eighths over a bass
    and a drum on every beat, Am then F then C then G."""
    beat = 0.5
    chords = [
        ["A3", "C4", "E4", "A4"],
        ["F3", "A3", "C4", "F4"],
        ["C4", "E4", "G4", "C5"],
        ["G3", "B3", "D4", "G4"],
    ]
    track = np.zeros(int(8 * RATE))
    for bar, chord in enumerate(chords):
        start = bar * 4 * beat
        for step in range(8):
            at = int((start + step * beat / 2) * RATE)
            freq = note(chord[[0, 1, 2, 3, 2, 1, 2, 3][step]])
            sound = tone(freq, beat / 2, square=0.6)
            sound *= envelope(len(sound), 0.005, 0.12) * 0.28
            track[at : at + len(sound)] += sound
        bass = tone(note(chord[0]) / 2, 4 * beat, square=0.3)
        bass *= envelope(len(bass), 0.01, 0.3) * 0.3
        at = int(start * RATE)
        track[at : at + len(bass)] += bass
        for count in range(4):
            hit = kick(0.35) * 0.6
            at = int((start + count * beat) * RATE)
            track[at : at + len(hit)] += hit
    return track


def night_drive() -> np.ndarray:
    """Eight seconds of slow chords with a gentle tremolo, Dm then B flat."""
    track = np.zeros(int(8 * RATE))
    for number, chord in enumerate(
        [["D3", "F3", "A3", "D4"], ["A#2", "D3", "F3", "A#3"]]
    ):
        length = 4.0
        pad = sum(tone(note(name), length, square=0.15) for name in chord)
        t = np.arange(len(pad)) / RATE
        pad *= (0.8 + 0.2 * np.sin(2 * np.pi * 3 * t)) * envelope(len(pad), 0.6, 1.2)
        at = int(number * length * RATE)
        track[at : at + len(pad)] += pad * 0.18
    return track


def write(samples: np.ndarray, name: str, *options: str) -> None:
    """Encode the samples with sox into the demo folder."""
    pcm = (np.clip(samples, -1, 1) * 32_000).astype("<i2")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sketch.wav"
        with wave.open(str(source), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(pcm.tobytes())
        target = OUT / name
        sox = shutil.which("sox") or "sox"
        command = [sox, str(source), *options, str(target)]
        subprocess.run(command, check=True)  # noqa: S603 - our own command
    sys.stdout.write(f"{target.name}: {target.stat().st_size:,} bytes\n")


def main() -> int:
    write(montage(), "montage-sketch.mp3", "-C", "48")
    write(night_drive(), "night-drive-sketch.ogg", "-C", "1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
