/* The state file LEASECTL_DOUBLE_STATE, shared between processes: reading, finding and rewriting its
   "<verb> <index> [<value>] [{GUID}]" lines. */
#include <stdio.h>
#include <stdlib.h>
#include "iphlpapi_double.h"

/* Parses one line; FALSE for a line that is not "<verb> <index> ...". */
static BOOL parse_line(const char *text, state_line_t *out) {
  char verb[16], rest[2][64];
  unsigned long index;
  int fields;
  memset(out, 0, sizeof *out);
  rest[0][0] = rest[1][0] = '\0';
  fields = sscanf(text, "%15s %lu %63s %63s", verb, &index, rest[0], rest[1]);
  if (fields < 2) return FALSE;
  snprintf(out->verb, sizeof out->verb, "%s", verb);
  out->index = index;
  for (int k = 0; k < fields - 2; k++) {
    if (rest[k][0] == '{') snprintf(out->guid, sizeof out->guid, "%s", rest[k]);
    else out->value = strtoull(rest[k], NULL, 10);
  }
  return TRUE;
}

static BOOL line_matches(const state_line_t *line, const char *verb, const adapter_t *a) {
  char guid[40];
  if (strcmp(line->verb, verb) != 0 || line->index != a->index) return FALSE;
  if (!line->guid[0]) return TRUE;
  guid_of(a, guid, sizeof guid);
  return _stricmp(line->guid, guid) == 0;
}

static char *read_whole(const char *path, size_t *length) {
  FILE *file = fopen(path, "rb");
  char *text = NULL;
  size_t size = 0, got;
  char chunk[4096];
  if (!file) return NULL;
  while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
    char *bigger = realloc(text, size + got + 1);
    if (!bigger) break;
    text = bigger;
    memcpy(text + size, chunk, got);
    size += got;
  }
  fclose(file);
  if (!text) text = calloc(1, 1);
  if (text) text[size] = '\0';
  *length = size;
  return text;
}

void read_state(state_t *state) {
  char path[MAX_PATH], *text, *line, *next;
  size_t length;
  HANDLE mutex;
  state->count = 0;
  if (!*env("LEASECTL_DOUBLE_STATE", path, sizeof path)) return;
  mutex = lock_files();
  text = read_whole(path, &length);
  unlock_files(mutex);
  if (!text) return;
  for (line = text; line && *line && state->count < MAX_STATE; line = next) {
    next = strpbrk(line, "\r\n");
    if (next) *next++ = '\0';
    if (parse_line(line, &state->lines[state->count])) state->count++;
  }
  free(text);
}

const state_line_t *state_find(const state_t *state, const char *verb, const adapter_t *a) {
  for (int n = state->count - 1; n >= 0; n--)
    if (line_matches(&state->lines[n], verb, a)) return &state->lines[n];
  return NULL;
}

/* Another adapter in the list has the same index: state lines about it carry its GUID. */
static BOOL index_shared(const adapter_t *a, const adapter_t *adapters, int count) {
  for (int n = 0; n < count; n++)
    if (&adapters[n] != a && adapters[n].index == a->index) return TRUE;
  return FALSE;
}

/* Drops the lines of the verbs in `drop` (space-separated) about this adapter, then appends `add`
   (a line without its newline, or NULL). Other lines, unknown ones included, stay as they are. */
void rewrite_state(const adapter_t *a, const char *drop, const char *add) {
  char path[MAX_PATH], *text, *line, *next;
  size_t length;
  FILE *file;
  HANDLE mutex;
  if (!*env("LEASECTL_DOUBLE_STATE", path, sizeof path)) return;
  mutex = lock_files();
  text = read_whole(path, &length);
  if ((file = fopen(path, "wb")) != NULL) {
    for (line = text; line && *line; line = next) {
      state_line_t parsed;
      BOOL keep = TRUE;
      next = strpbrk(line, "\r\n");
      if (next) {
        *next++ = '\0';
        while (*next == '\r' || *next == '\n') next++;
      }
      if (!*line) continue;
      if (parse_line(line, &parsed)) {
        char verbs[64], *word, *context = NULL;
        snprintf(verbs, sizeof verbs, "%s", drop);
        for (word = strtok_s(verbs, " ", &context); word; word = strtok_s(NULL, " ", &context))
          if (line_matches(&parsed, word, a)) keep = FALSE;
      }
      if (keep) fprintf(file, "%s\n", line);
    }
    if (add) fprintf(file, "%s\n", add);
    fclose(file);
  }
  free(text);
  unlock_files(mutex);
}

void state_line(char *out, size_t size, const char *verb, const adapter_t *a, const adapter_t *adapters,
                       int count, const char *value) {
  char guid[40];
  guid_of(a, guid, sizeof guid);
  snprintf(out, size, "%s %lu%s%s%s%s", verb, (unsigned long)a->index, value ? " " : "", value ? value : "",
           index_shared(a, adapters, count) ? " " : "", index_shared(a, adapters, count) ? guid : "");
}
