/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The table of closes in flight and the opens waiting for them
 * (md-port-closing.h). */
#include "md-port-closing.h"

typedef struct {
  guint count;
  GPtrArray *waiters; /* Waiter* */
} Closing;

typedef struct {
  MdPortAfterClosesFn then;
  GTask *task;
} Waiter;

/* device path -> Closing*; exists only while a close is in flight. */
static GHashTable *closing;

static void
closing_free (gpointer data)
{
  Closing *entry = data;

  g_ptr_array_unref (entry->waiters);
  g_free (entry);
}

void
md_port_closing_begin (const char *device_path)
{
  Closing *entry;

  if (!closing)
    closing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, closing_free);
  entry = g_hash_table_lookup (closing, device_path);
  if (!entry) {
    entry = g_new0 (Closing, 1);
    entry->waiters = g_ptr_array_new_with_free_func (g_free);
    g_hash_table_insert (closing, g_strdup (device_path), entry);
  }
  entry->count++;
}

void
md_port_closing_end (const char *device_path)
{
  Closing *entry = closing ? g_hash_table_lookup (closing, device_path) : NULL;
  g_autoptr (GPtrArray) waiters = NULL;

  if (!entry || --entry->count > 0)
    return;
  waiters = g_ptr_array_ref (entry->waiters);
  g_hash_table_remove (closing, device_path);
  /* A waiter may start a close of its own: the table is settled first. */
  for (guint i = 0; i < waiters->len; i++) {
    Waiter *waiter = g_ptr_array_index (waiters, i);

    waiter->then (waiter->task);
  }
}

gboolean
md_port_closing_pending (const char *device_path)
{
  return closing && g_hash_table_contains (closing, device_path);
}

void
md_port_after_closes (const char *device_path, MdPortAfterClosesFn then, GTask *task)
{
  Closing *entry = closing ? g_hash_table_lookup (closing, device_path) : NULL;
  Waiter *waiter;

  if (!entry) {
    then (task);
    return;
  }
  waiter = g_new0 (Waiter, 1);
  waiter->then = then;
  waiter->task = task;
  g_ptr_array_add (entry->waiters, waiter);
}
