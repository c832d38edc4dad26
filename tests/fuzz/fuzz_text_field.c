/* fuzz_text_field.c — the formula field's edits (scene/text_field.h): each
 * input byte is an edit, inserts and sets take a chunk of the bytes after
 * it.  After every edit the text is NUL-terminated within TEXT_FIELD_MAX
 * and the cursor within it; an insert that returns false changed nothing,
 * one that returns true added its bytes less control characters (in place
 * of a selected text when there were any); and while
 * every text put in was valid UTF-8 the text is valid UTF-8 and the cursor
 * sits on a character boundary. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "scene/text_field.h"

enum { OP_INSERT, OP_SET, OP_BACKSPACE, OP_DELETE, OP_LEFT, OP_RIGHT, OP_HOME, OP_END,
       OP_TO_COLUMN, OP_COUNT };

/* Whether text is UTF-8 by its byte structure: a lead byte, then as many
 * continuation bytes as it announces (what the field relies on). */
static bool utf8_valid(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        int more = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2
                 : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (more < 0)
            return false;
        p++;
        for (int k = 0; k < more; k++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}

static size_t printable_length(const char *text)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += *p >= 0x20 && *p != 0x7F;
    return n;
}

static void check(const TextField *field, bool valid)
{
    const char *end = memchr(field->text, '\0', TEXT_FIELD_MAX);
    if (!end)
        abort();
    size_t length = (size_t)(end - field->text);
    if (field->cursor > length)
        abort();
    if (valid && (!utf8_valid(field->text) || (field->text[field->cursor] & 0xC0) == 0x80))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    TextField field;
    text_field_set(&field, "");
    bool valid = true;
    for (size_t i = 0; i < size;) {
        int op = data[i++] % OP_COUNT;
        if (op == OP_INSERT || op == OP_SET) {
            size_t n = i < size ? data[i++] : 0;
            if (op == OP_SET)
                n *= 4; /* long enough to overflow the field */
            if (n > size - i)
                n = size - i;
            char chunk[4 * 256 + 1];
            memcpy(chunk, data + i, n);
            chunk[n] = '\0';
            i += n;
            valid = valid && utf8_valid(chunk);
            if (op == OP_SET) {
                text_field_set(&field, chunk);
            } else {
                TextField before = field;
                size_t added = printable_length(chunk);
                /* A selected text goes when something is put in its place. */
                bool replaced = before.selected && added > 0;
                size_t length = replaced ? 0 : strlen(field.text);
                size_t cursor = replaced ? 0 : before.cursor;
                if (!text_field_insert(&field, chunk)) {
                    if (memcmp(&before, &field, sizeof field) != 0)
                        abort();
                } else if (strlen(field.text) != length + added ||
                           field.cursor != cursor + added) {
                    abort();
                }
            }
        } else if (op == OP_BACKSPACE) {
            text_field_backspace(&field);
        } else if (op == OP_DELETE) {
            text_field_delete(&field);
        } else if (op == OP_LEFT) {
            text_field_left(&field);
        } else if (op == OP_RIGHT) {
            text_field_right(&field);
        } else if (op == OP_HOME) {
            text_field_home(&field);
        } else if (op == OP_END) {
            text_field_end(&field);
        } else {
            text_field_to_column(&field, i < size ? data[i++] : 0);
        }
        check(&field, valid);
    }
    return 0;
}
