/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The V.250 command-line parser: the "AT" prefix, basic commands (E0, &F,
 * S7=60, D...), extended commands (+CMEE=1, +CPIN?, +COPS=?) separated by
 * ';', and quoted arguments. Pure: no session state. */
#include "sim-at-private.h"

#include <gio/gio.h>
#include <string.h>

void
sim_at_command_free (SimAtCommand *cmd)
{
  if (!cmd)
    return;
  g_free (cmd->name);
  g_ptr_array_unref (cmd->args);
  g_free (cmd);
}

static void
arg_free (gpointer data)
{
  SimAtArg *arg = data;

  g_free (arg->text);
  g_free (arg);
}

static SimAtCommand *
command_new (const char *name, gsize name_len, SimAtMode mode)
{
  SimAtCommand *cmd = g_new0 (SimAtCommand, 1);
  g_autofree char *raw = g_strndup (name, name_len);

  cmd->name = g_ascii_strup (raw, -1);
  cmd->mode = mode;
  cmd->args = g_ptr_array_new_with_free_func (arg_free);
  return cmd;
}

static void
add_arg (SimAtCommand *cmd, const char *text, gsize len, gboolean quoted)
{
  SimAtArg *arg = g_new0 (SimAtArg, 1);

  arg->text = g_strndup (text, len);
  if (!quoted)
    g_strstrip (arg->text);
  arg->quoted = quoted;
  g_ptr_array_add (cmd->args, arg);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || (c && strchr ("!%-./:_", c) != NULL);
}

/* Parses "<arg>,<arg>,..." up to an unquoted ';' or the end. */
static const char *
parse_args (SimAtCommand *cmd, const char *p, GError **error)
{
  for (;;) {
    const char *start;

    while (*p == ' ')
      p++;
    if (*p == '"') {
      const char *end = strchr (p + 1, '"');

      if (!end) {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Unterminated string");
        return NULL;
      }
      add_arg (cmd, p + 1, end - p - 1, TRUE);
      p = end + 1;
      while (*p == ' ')
        p++;
    } else {
      start = p;
      while (*p && *p != ',' && *p != ';')
        p++;
      add_arg (cmd, start, p - start, FALSE);
    }
    if (*p != ',')
      break;
    p++;
  }
  if (*p && *p != ';') {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Junk after an argument");
    return NULL;
  }
  return p;
}

static const char *
parse_extended (GPtrArray *out, const char *p, GError **error)
{
  const char *name = p++;
  SimAtCommand *cmd;

  while (is_name_char (*p))
    p++;
  if (p - name < 2) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Empty command name");
    return NULL;
  }
  if (p[0] == '=' && p[1] == '?') {
    cmd = command_new (name, p - name, SIM_AT_TEST);
    p += 2;
  } else if (p[0] == '?') {
    cmd = command_new (name, p - name, SIM_AT_READ);
    p++;
  } else if (p[0] == '=') {
    cmd = command_new (name, p - name, SIM_AT_SET);
    p = parse_args (cmd, p + 1, error);
  } else {
    cmd = command_new (name, p - name, SIM_AT_EXEC);
  }
  g_ptr_array_add (out, cmd);
  return p;
}

/* S-parameters: "S7=60" sets, "S7?" reads; the register number is args[0]. */
static const char *
parse_s_register (GPtrArray *out, const char *p, GError **error)
{
  const char *digits = ++p;
  SimAtCommand *cmd;

  while (g_ascii_isdigit (*p))
    p++;
  if (p == digits || (*p != '=' && *p != '?')) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Bad S-parameter");
    return NULL;
  }
  cmd = command_new ("S", 1, *p == '?' ? SIM_AT_READ : SIM_AT_SET);
  add_arg (cmd, digits, p - digits, FALSE);
  g_ptr_array_add (out, cmd);
  if (*p++ == '?')
    return p;
  digits = p;
  while (g_ascii_isdigit (*p))
    p++;
  add_arg (cmd, digits, p - digits, FALSE);
  return p;
}

static const char *
parse_basic (GPtrArray *out, const char *p, GError **error)
{
  const char *name = p;
  const char *digits;
  SimAtCommand *cmd;
  char letter = g_ascii_toupper (*p);

  if (letter == 'D') {
    /* The dial string runs to the end of the line, ';' included. */
    cmd = command_new ("D", 1, SIM_AT_EXEC);
    add_arg (cmd, p + 1, strlen (p + 1), FALSE);
    g_ptr_array_add (out, cmd);
    return p + strlen (p);
  }
  if (letter == 'S')
    return parse_s_register (out, p, error);
  if (*p == '&')
    p++;
  if (!g_ascii_isalpha (*p)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Bad basic command");
    return NULL;
  }
  p++;
  cmd = command_new (name, p - name, SIM_AT_EXEC);
  if (*p == '?') {
    cmd->mode = SIM_AT_READ;
    p++;
  }
  digits = p;
  while (g_ascii_isdigit (*p))
    p++;
  if (p > digits)
    add_arg (cmd, digits, p - digits, FALSE);
  g_ptr_array_add (out, cmd);
  return p;
}

GPtrArray *
sim_at_parse_line (const char *line, GError **error)
{
  g_autoptr (GPtrArray) commands = NULL;
  const char *p = line;

  /* A modem looks for "AT" (or "at") and ignores what comes before it. */
  while (*p && !((p[0] == 'A' || p[0] == 'a') && (p[1] == 'T' || p[1] == 't')))
    p++;
  if (!*p)
    return NULL;
  p += 2;
  commands = g_ptr_array_new_with_free_func ((GDestroyNotify)sim_at_command_free);
  while (p && *p) {
    if (*p == ' ' || *p == ';') {
      p++;
      continue;
    }
    if (g_ascii_isalpha (*p) || *p == '&')
      p = parse_basic (commands, p, error);
    else if (strchr ("+^$%*#", *p))
      p = parse_extended (commands, p, error);
    else {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Unexpected '%c'", *p);
      return NULL;
    }
  }
  if (!p)
    return NULL;
  return g_steal_pointer (&commands);
}

guint
sim_at_n_args (const SimAtCommand *cmd)
{
  return cmd->args->len;
}

const char *
sim_at_arg (const SimAtCommand *cmd, guint i)
{
  return i < cmd->args->len ? ((SimAtArg *)g_ptr_array_index (cmd->args, i))->text : NULL;
}

gboolean
sim_at_arg_uint (const SimAtCommand *cmd, guint i, guint max, guint *out)
{
  const char *text = sim_at_arg (cmd, i);
  guint64 value;

  if (!text || !*text || !g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return FALSE;
  *out = (guint)value;
  return TRUE;
}

gboolean
sim_at_arg_uint_or (const SimAtCommand *cmd, guint i, guint max, guint fallback, guint *out)
{
  const char *text = sim_at_arg (cmd, i);

  if (!text || !*text) {
    *out = fallback;
    return TRUE;
  }
  return sim_at_arg_uint (cmd, i, max, out);
}
