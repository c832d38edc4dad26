/* text_field.c — see text_field.h. */
#include "text_field.h"

#include <string.h>

static bool is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

size_t utf8_boundary_before(const char *text, size_t at)
{
    while (at > 0 && is_continuation((unsigned char)text[--at]))
        ;
    return at;
}

size_t utf8_boundary_after(const char *text, size_t at)
{
    size_t length = strlen(text);
    if (at < length)
        at++;
    while (at < length && is_continuation((unsigned char)text[at]))
        at++;
    return at;
}

void text_field_set(TextField *field, const char *text)
{
    size_t n = strlen(text);
    if (n > TEXT_FIELD_MAX - 1) {
        n = TEXT_FIELD_MAX - 1;
        while (n > 0 && is_continuation((unsigned char)text[n]))
            n--;
    }
    memcpy(field->text, text, n);
    field->text[n] = '\0';
    field->cursor = n;
    field->selected = true;
}

/* Ends a selection; with replace, its text goes too. */
static void deselect(TextField *field, bool replace)
{
    if (field->selected && replace) {
        field->text[0] = '\0';
        field->cursor = 0;
    }
    field->selected = false;
}

bool text_field_insert(TextField *field, const char *utf8)
{
    char clean[TEXT_FIELD_MAX];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            continue;
        if (n == sizeof clean - 1)
            return false;
        clean[n++] = (char)*p;
    }
    if (n == 0)
        return true;
    size_t length = field->selected ? 0 : strlen(field->text);
    if (length + n > TEXT_FIELD_MAX - 1)
        return false;
    deselect(field, true);
    memmove(field->text + field->cursor + n, field->text + field->cursor,
            length - field->cursor + 1);
    memcpy(field->text + field->cursor, clean, n);
    field->cursor += n;
    return true;
}

/* Removes the bytes [from, to). */
static void cut(TextField *field, size_t from, size_t to)
{
    memmove(field->text + from, field->text + to, strlen(field->text) - to + 1);
    field->cursor = from;
}

void text_field_backspace(TextField *field)
{
    if (field->selected) {
        deselect(field, true);
        return;
    }
    cut(field, utf8_boundary_before(field->text, field->cursor), field->cursor);
}

void text_field_delete(TextField *field)
{
    if (field->selected) {
        deselect(field, true);
        return;
    }
    size_t at = field->cursor;
    cut(field, at, utf8_boundary_after(field->text, at));
}

void text_field_left(TextField *field)
{
    if (field->selected) {
        deselect(field, false);
        field->cursor = 0;
        return;
    }
    field->cursor = utf8_boundary_before(field->text, field->cursor);
}

void text_field_right(TextField *field)
{
    if (field->selected) {
        deselect(field, false);
        field->cursor = strlen(field->text);
        return;
    }
    field->cursor = utf8_boundary_after(field->text, field->cursor);
}

void text_field_home(TextField *field)
{
    deselect(field, false);
    field->cursor = 0;
}

void text_field_end(TextField *field)
{
    deselect(field, false);
    field->cursor = strlen(field->text);
}

void text_field_to_column(TextField *field, size_t column)
{
    deselect(field, false);
    field->cursor = 0;
    for (size_t c = 1; c < column && field->text[field->cursor]; c++)
        text_field_right(field);
}
