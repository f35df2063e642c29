// A font file as an SDL_RWops that FreeType can read without a system call per field.
#pragma once

#include <SDL.h>

#include <filesystem>

namespace redgrid::render {

// FreeType reads a face's tables through SDL_ttf's stream a few bytes at a time (each
// USHORT of an index is a seek and a read). Over stdio, as SDL_RWFromFile does, every one
// became an lseek and often a read: 17,000 system calls and half the kiosk's start-up time
// for the fonts of one screen. This stream reads the file with pread in 4 KB blocks and
// serves small reads from the last few; large reads (whole tables) go straight to the
// caller's buffer. Nothing is mapped, so the font file adds nothing to the process's memory
// beyond eight blocks. For SDL_ttf with freesrc = 1 (it closes the stream); nullptr with
// SDL_GetError() set when the file cannot be opened.
SDL_RWops* open_font_file_stream(const std::filesystem::path& path);

}  // namespace redgrid::render
