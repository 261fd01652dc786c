"""MP3 files of speech, knowing no edition: how they are made and how they are read.

- :mod:`~formats.outputs.mp3.encode` (a writer): a WAV's samples mastered (loudness, true
  peak, silence) and encoded by LAME at a constant bit rate; MP3 frames joined behind an
  ``Info`` frame;
- :mod:`~formats.outputs.mp3.tags` (a writer): ID3v2 tags and chapters (CTOC, CHAP);
- :mod:`~formats.outputs.mp3.tags_reader`: those tags read back with mutagen;
- :mod:`~formats.outputs.mp3.measure` (a reader): files decoded by ffmpeg and measured
  (integrated loudness, true peak, silences) a piece at a time;
- :mod:`~formats.outputs.mp3.stream`: the frames and format of an MP3 stream;
- :mod:`~formats.outputs.mp3.rules`: the standard's audio rules on one file (loudness, true peak,
  silence, mono, bit rate, sample rate);
- :mod:`~formats.outputs.mp3.loudness` and :mod:`~formats.outputs.mp3.id3`: the facts and the
  math the writers and the readers share (gated loudness, the true-peak interpolator, the ID3
  version and chapter records).
"""
