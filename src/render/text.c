/* text.c — see text.h. */
#include "text.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include "texture.h"

#define TEXT_MAX_SIZES 48     /* pixel sizes kept open at once: every HUD size at
                                 every scale the layout test and a resized window use */
#define TEXT_CACHE_MAX 512    /* cached images */
#define TEXT_KEEP_FRAMES 120  /* frames an unused image survives... */
#define TEXT_CACHE_BYTES ((size_t)1 << 20) /* ...while the images, beyond those
                                 the last frame used, take at most this: numbers
                                 that change every frame (a race's legend) would
                                 otherwise keep 120 frames' worth, 2.4 MB at
                                 1920x1080 */
#define TEXT_MAX_BYTES 1024   /* longest string rasterised */

typedef struct FontFile {
    char path[1024];
    int index;                /* face index inside a collection (.ttc) */
    /* The file mapped into memory, every size opened from it: HarfBuzz
     * loads a glyph from FreeType each time it measures it, and from the
     * file each load was a seek and a read (a sixth of the layout test's
     * time, in the kernel and stdio). */
    void *data;
    size_t size;
} FontFile;

typedef struct SizedFonts {
    int px;
    TTF_Font *main;
} SizedFonts;

typedef struct Entry {
    char *utf8;
    int px;
    uint32_t hash;
    TextImage image;
    size_t bytes;             /* the image's texture */
    unsigned long last_used;
} Entry;

struct Text {
    FontFile main, cjk;
    bool has_cjk;             /* fontconfig names a CJK face not yet found wanting */
    /* The CJK face, opened on the first character the main face lacks, one
     * for every size: it is set to the size asked for before each use
     * (cjk_px), since each size opened on its own held a megabyte and more
     * of FreeType's and HarfBuzz's tables (docs/ARCHITECTURE.md §5.2). */
    TTF_Font *cjk_font;
    int cjk_px;
    SizedFonts sizes[TEXT_MAX_SIZES];
    int size_count;
    Entry entries[TEXT_CACHE_MAX];
    size_t entry_count;
    size_t bytes;             /* the entries' images */
    unsigned long frame;
};

/* ------------------------------------------------------------------------ */
/* Fonts                                                                     */

/* Maps file's path into file->data; false when it cannot be read. */
static bool map_font(FontFile *file)
{
    int fd = open(file->path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    void *data = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size > 0 && st.st_size <= INT32_MAX)
        data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (data == MAP_FAILED)
        return false;
    file->data = data;
    file->size = (size_t)st.st_size;
    return true;
}

static void unmap_font(FontFile *file)
{
    if (file->data)
        munmap(file->data, file->size);
}

/* The file fontconfig picks for pattern, mapped; false when it picks none
 * or it cannot be read. */
static bool find_font(FcConfig *config, const char *pattern, FontFile *dest)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return false;
    FcConfigSubstitute(config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result;
    FcPattern *match = FcFontMatch(config, pat, &result);
    FcPatternDestroy(pat);
    if (!match)
        return false;
    FcChar8 *file = NULL;
    int index = 0;
    bool found = FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
                 strlen((const char *)file) < sizeof dest->path;
    if (found) {
        strcpy(dest->path, (const char *)file);
        FcPatternGetInteger(match, FC_INDEX, 0, &index);
        dest->index = index;
    }
    FcPatternDestroy(match);
    return found && map_font(dest);
}

static TTF_Font *open_font(const FontFile *file, int px)
{
    SDL_RWops *rw = SDL_RWFromConstMem(file->data, (int)file->size);
    TTF_Font *font = rw ? TTF_OpenFontIndexRW(rw, 1, px, file->index) : NULL;
    if (font)
        TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    return font;
}

/* What fontconfig finds: the faces' files, mapped. */
typedef struct FoundFonts {
    FontFile main, cjk;
    bool has_main, has_cjk;
} FoundFonts;

static void find_fonts(FoundFonts *found)
{
    FcConfig *config = FcInitLoadConfigAndFonts();
    found->has_main = config && find_font(config, "DejaVu Sans", &found->main);
    /* A CJK face for captions in Chinese, opened only when a string needs
     * it: each size of Noto Sans CJK opened costs about a megabyte of
     * FreeType's tables, and opening it slows the start. */
    found->has_cjk = config && find_font(config, "Noto Sans CJK SC:lang=zh-cn", &found->cjk);
    if (config)
        FcConfigDestroy(config);
}

/* text_prepare's search: started, and not yet taken by text_create. */
static struct {
    pthread_t thread;
    bool started;
    FoundFonts found;
} prepared;

static void *find_prepared(void *unused)
{
    (void)unused;
    find_fonts(&prepared.found);
    return NULL;
}

void text_prepare(void)
{
    if (!prepared.started)
        prepared.started = pthread_create(&prepared.thread, NULL, find_prepared, NULL) == 0;
}

Text *text_create(DescentError *err)
{
    /* Counted: each Text's text_destroy calls TTF_Quit. */
    if (TTF_Init() != 0) {
        error_set(err, "cannot start SDL2_ttf: %s", TTF_GetError());
        return NULL;
    }
    Text *t = calloc(1, sizeof *t);
    if (!t) {
        TTF_Quit();
        error_set(err, "out of memory for text");
        return NULL;
    }
    FoundFonts found = {0};
    if (prepared.started) {
        pthread_join(prepared.thread, NULL);
        prepared.started = false;
        found = prepared.found;
    } else {
        find_fonts(&found);
    }
    t->main = found.main;
    t->cjk = found.cjk;
    t->has_cjk = found.has_cjk;
    /* The main face at 16 px: the probe that it opens, kept for the HUD. */
    TTF_Font *probe = found.has_main ? open_font(&t->main, 16) : NULL;
    if (!probe) {
        error_set(err, "no usable font: fontconfig finds none for 'DejaVu Sans'%s%s "
                       "(install fonts-dejavu-core)",
                  found.has_main ? " at " : "", found.has_main ? t->main.path : "");
        unmap_font(&t->main);
        unmap_font(&t->cjk);
        free(t);
        TTF_Quit();
        return NULL;
    }
    t->sizes[t->size_count++] = (SizedFonts){.px = 16, .main = probe};
    return t;
}

void text_destroy(Text *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->entry_count; i++) {
        glDeleteTextures(1, &t->entries[i].image.texture);
        free(t->entries[i].utf8);
    }
    for (int i = 0; i < t->size_count; i++)
        TTF_CloseFont(t->sizes[i].main);
    if (t->cjk_font)
        TTF_CloseFont(t->cjk_font);
    unmap_font(&t->main);
    unmap_font(&t->cjk);
    free(t);
    TTF_Quit();
}

/* The faces at px, opened on first use; NULL if the main face fails. */
static SizedFonts *fonts_at(Text *t, int px)
{
    for (int i = 0; i < t->size_count; i++)
        if (t->sizes[i].px == px)
            return &t->sizes[i];
    TTF_Font *main = open_font(&t->main, px);
    if (!main)
        return NULL;
    if (t->size_count == TEXT_MAX_SIZES) {
        TTF_CloseFont(t->sizes[0].main);
        memmove(&t->sizes[0], &t->sizes[1], (TEXT_MAX_SIZES - 1) * sizeof t->sizes[0]);
        t->size_count--;
    }
    SizedFonts *f = &t->sizes[t->size_count++];
    *f = (SizedFonts){.px = px, .main = main};
    return f;
}

/* The CJK face at px, opened on first use; NULL when there is none.  It
 * must have 中, or no CJK face is used at all. */
static TTF_Font *cjk_font(Text *t, int px)
{
    if (!t->cjk_font && t->has_cjk) {
        t->cjk_font = open_font(&t->cjk, px);
        if (t->cjk_font && !TTF_GlyphIsProvided32(t->cjk_font, 0x4E2D /* 中 */)) {
            TTF_CloseFont(t->cjk_font);
            t->cjk_font = NULL;
        }
        t->has_cjk = t->cjk_font != NULL;
        t->cjk_px = px;
    }
    if (t->cjk_font && t->cjk_px != px) {
        if (TTF_SetFontSize(t->cjk_font, px) != 0) {
            t->cjk_px = 0; /* its size unknown: set again next time */
            return NULL;
        }
        t->cjk_px = px;
    }
    return t->cjk_font;
}

int text_line_height(Text *t, int px)
{
    SizedFonts *f = fonts_at(t, px);
    return f ? TTF_FontLineSkip(f->main) : px;
}

/* ------------------------------------------------------------------------ */
/* Rasterising                                                               */

/* Decodes one UTF-8 character at s; *len receives its byte length (1 for
 * a malformed byte, which becomes U+FFFD). */
uint32_t utf8_next(const unsigned char *s, int *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    int n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 0;
    uint32_t cp = n == 4 ? s[0] & 0x07u : n == 3 ? s[0] & 0x0Fu : s[0] & 0x1Fu;
    for (int k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            n = 0;
        else
            cp = (cp << 6) | (s[k] & 0x3Fu);
    }
    if (n == 0) {
        *len = 1;
        return 0xFFFD;
    }
    *len = n;
    return cp;
}

static TTF_Font *font_for(Text *t, SizedFonts *f, uint32_t cp)
{
    if (cp < 0x80 || TTF_GlyphIsProvided32(f->main, cp))
        return f->main;
    TTF_Font *cjk = cjk_font(t, f->px);
    return cjk && TTF_GlyphIsProvided32(cjk, cp) ? cjk : f->main;
}

/* White text with coverage in alpha, each character from a face that has
 * it, runs of one face placed on a common baseline. */
/* Stretches of a string drawn with one face. */
enum { MAX_RUNS = 32 };
typedef struct FontRun {
    size_t begin, end;
    TTF_Font *font;
} FontRun;

/* Splits utf8 into runs of one face each (the last run takes the rest when
 * there are more than MAX_RUNS); returns their number.  The CJK face is
 * left at f's size, where the runs are measured or drawn. */
static int split_runs(Text *t, SizedFonts *f, const char *utf8, FontRun *runs)
{
    int run_count = 0;
    const unsigned char *s = (const unsigned char *)utf8;
    for (size_t i = 0; s[i];) {
        int len;
        TTF_Font *font = font_for(t, f, utf8_next(s + i, &len));
        if (run_count > 0 && (runs[run_count - 1].font == font || run_count == MAX_RUNS)) {
            runs[run_count - 1].end = i + (size_t)len;
        } else {
            runs[run_count] = (FontRun){i, i + (size_t)len, font};
            run_count++;
        }
        i += (size_t)len;
    }
    return run_count;
}

/* runs[r] as its own string in dest (TEXT_MAX_BYTES + 1 bytes). */
static void run_text(const char *utf8, const FontRun *run, char *dest)
{
    size_t n = run->end - run->begin;
    memcpy(dest, utf8 + run->begin, n);
    dest[n] = '\0';
}

int text_measure(Text *t, const char *utf8, int px)
{
    SizedFonts *f = fonts_at(t, px);
    if (!f || strlen(utf8) > TEXT_MAX_BYTES)
        return 0;
    FontRun runs[MAX_RUNS];
    int run_count = split_runs(t, f, utf8, runs), width = 0;
    for (int r = 0; r < run_count; r++) {
        char piece[TEXT_MAX_BYTES + 1];
        int w = 0;
        run_text(utf8, &runs[r], piece);
        if (TTF_SizeUTF8(runs[r].font, piece, &w, NULL) == 0)
            width += w;
    }
    return width;
}

static SDL_Surface *rasterise(Text *t, SizedFonts *f, const char *utf8)
{
    static const SDL_Color white = {255, 255, 255, 255};
    FontRun runs[MAX_RUNS];
    int run_count = split_runs(t, f, utf8, runs);
    if (run_count == 1 && runs[0].font == f->main)
        return TTF_RenderUTF8_Blended(runs[0].font, utf8, white);

    /* The main face's baseline stays where a line without CJK has it, so
     * Chinese lines sit level with the rest: the CJK face's taller ascent
     * is empty space above its glyphs, and is clipped off. */
    SDL_Surface *pieces[MAX_RUNS] = {NULL};
    int width = 0, ascent = TTF_FontAscent(f->main), descent = 0;
    bool ok = true;
    for (int r = 0; r < run_count && ok; r++) {
        char piece[TEXT_MAX_BYTES + 1];
        run_text(utf8, &runs[r], piece);
        pieces[r] = TTF_RenderUTF8_Blended(runs[r].font, piece, white);
        ok = pieces[r] != NULL;
        if (ok) {
            width += pieces[r]->w;
            descent = SDL_max(descent, pieces[r]->h - TTF_FontAscent(runs[r].font));
        }
    }
    SDL_Surface *out = ok ? SDL_CreateRGBSurfaceWithFormat(0, width, ascent + descent, 32,
                                                          SDL_PIXELFORMAT_ARGB8888)
                          : NULL;
    for (int r = 0, x = 0; r < run_count && out; r++) {
        SDL_Rect at = {x, ascent - TTF_FontAscent(runs[r].font), pieces[r]->w, pieces[r]->h};
        SDL_SetSurfaceBlendMode(pieces[r], SDL_BLENDMODE_NONE);
        SDL_BlitSurface(pieces[r], NULL, out, &at);
        x += pieces[r]->w;
    }
    for (int r = 0; r < run_count; r++)
        SDL_FreeSurface(pieces[r]);
    return out;
}

/* The alphas of an ARGB8888 surface whose every pixel is white, row after
 * row in a new buffer (the caller frees it); NULL when a pixel is not
 * white, or without the memory. */
static uint8_t *white_alphas(const SDL_Surface *surface)
{
    uint8_t *alpha = malloc((size_t)surface->w * (size_t)surface->h);
    for (int y = 0; alpha && y < surface->h; y++) {
        /* SDL's pitch keeps rows 4-byte aligned. */
        const uint32_t *row = (const uint32_t *)(const void *)((const uint8_t *)surface->pixels +
                                                               (size_t)y * (size_t)surface->pitch);
        for (int x = 0; x < surface->w; x++) {
            if ((row[x] & 0xFFFFFFu) != 0xFFFFFFu) {
                free(alpha);
                return NULL;
            }
            alpha[(size_t)y * (size_t)surface->w + (size_t)x] = (uint8_t)(row[x] >> 24);
        }
    }
    return alpha;
}

/* The surface as a texture; *bytes receives its size.  SDL2_ttf's blended
 * text is white with the coverage in alpha: it is kept as one channel
 * (GL_R8 read as white with alpha from red), a quarter of RGBA's bytes.  A
 * line of mixed faces has black, transparent pixels where a piece is
 * shorter than the line, and keeps four channels: the same texels as
 * before, whatever filtering makes of them. */
static GLuint upload(SDL_Surface *surface, size_t *bytes)
{
    SDL_Surface *argb = surface->format->format == SDL_PIXELFORMAT_ARGB8888
                            ? surface
                            : SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ARGB8888, 0);
    if (!argb)
        return 0;
    size_t pixels = (size_t)argb->w * (size_t)argb->h;
    uint8_t *alpha = white_alphas(argb);
    GLuint texture = texture_create(GL_LINEAR);
    if (alpha) {
        static const GLint white_alpha[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
        glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, white_alpha);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, argb->w, argb->h, 0, GL_RED, GL_UNSIGNED_BYTE,
                     alpha);
        free(alpha);
        *bytes = pixels;
    } else {
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, argb->pitch / 4);
        /* ARGB8888 is a 32-bit value with A on top: BGRA in 8_8_8_8_REV order. */
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, argb->w, argb->h, 0, GL_BGRA,
                     GL_UNSIGNED_INT_8_8_8_8_REV, argb->pixels);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        *bytes = 4 * pixels;
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    if (argb != surface)
        SDL_FreeSurface(argb);
    return texture;
}

/* ------------------------------------------------------------------------ */
/* The cache                                                                 */

static uint32_t hash_text(const char *s, int px)
{
    uint32_t h = 2166136261u ^ (uint32_t)px;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void drop_entry(Text *t, size_t i)
{
    t->bytes -= t->entries[i].bytes;
    glDeleteTextures(1, &t->entries[i].image.texture);
    free(t->entries[i].utf8);
    t->entries[i] = t->entries[--t->entry_count];
}

TextImage text_image(Text *t, const char *utf8, int px)
{
    TextImage none = {0, 0, 0};
    if (!utf8[0] || strlen(utf8) > TEXT_MAX_BYTES)
        return none;
    uint32_t hash = hash_text(utf8, px);
    for (size_t i = 0; i < t->entry_count; i++) {
        Entry *e = &t->entries[i];
        if (e->hash == hash && e->px == px && strcmp(e->utf8, utf8) == 0) {
            e->last_used = t->frame;
            return e->image;
        }
    }
    SizedFonts *f = fonts_at(t, px);
    SDL_Surface *surface = f ? rasterise(t, f, utf8) : NULL;
    if (!surface)
        return none;
    size_t bytes = 0;
    TextImage image = {upload(surface, &bytes), surface->w, surface->h};
    SDL_FreeSurface(surface);
    char *copy = strdup(utf8);
    if (!image.texture || !copy) {
        glDeleteTextures(1, &image.texture);
        free(copy);
        return none;
    }
    if (t->entry_count == TEXT_CACHE_MAX) {
        size_t oldest = 0;
        for (size_t i = 1; i < t->entry_count; i++)
            if (t->entries[i].last_used < t->entries[oldest].last_used)
                oldest = i;
        drop_entry(t, oldest);
    }
    t->entries[t->entry_count++] = (Entry){copy, px, hash, image, bytes, t->frame};
    t->bytes += bytes;
    return image;
}

void text_end_frame(Text *t)
{
    t->frame++;
    for (size_t i = t->entry_count; i-- > 0;)
        if (t->entries[i].last_used + TEXT_KEEP_FRAMES < t->frame)
            drop_entry(t, i);
    while (t->bytes > TEXT_CACHE_BYTES) {
        size_t oldest = t->entry_count;
        for (size_t i = 0; i < t->entry_count; i++)
            if (t->entries[i].last_used + 1 < t->frame &&
                (oldest == t->entry_count ||
                 t->entries[i].last_used < t->entries[oldest].last_used))
                oldest = i;
        if (oldest == t->entry_count)
            break;
        drop_entry(t, oldest);
    }
}
