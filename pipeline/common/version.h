/*
 * The program's version: printed by --version and part of every
 * document's inputs, so a new program rebuilds what an old one made.
 */
#ifndef RP_COMMON_VERSION_H
#define RP_COMMON_VERSION_H

#define RP_VERSION "0.1.0"

#endif
