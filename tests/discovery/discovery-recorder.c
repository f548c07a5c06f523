/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signal recorder for discovery tests; waits poll the main context with a
 * 30 s limit, never a fixed sleep. */
#include "discovery-recorder.h"

#define WAIT_LIMIT_US (30 * G_USEC_PER_SEC)

static void
on_device (MdDiscovery *discovery, MdDiscoveredDevice *device, gpointer user_data)
{
  DiscoveryRecorder *rec = user_data;
  const char *signal = g_signal_name (g_signal_get_invocation_hint (discovery)->signal_id);

  g_ptr_array_add (rec->events, g_strdup_printf ("%s %s", signal, device->uid));
}

static void
on_port (MdDiscovery *discovery, MdDiscoveredDevice *device, MdDiscoveredPort *port, gpointer user_data)
{
  DiscoveryRecorder *rec = user_data;
  const char *signal = g_signal_name (g_signal_get_invocation_hint (discovery)->signal_id);

  g_ptr_array_add (rec->events, g_strdup_printf ("%s %s", signal, port->name));
}

void
discovery_recorder_init (DiscoveryRecorder *rec, MdDiscovery *discovery)
{
  rec->events = g_ptr_array_new_with_free_func (g_free);
  rec->discovery = g_object_ref (discovery);
  g_signal_connect (discovery, "device-added", G_CALLBACK (on_device), rec);
  g_signal_connect (discovery, "device-removed", G_CALLBACK (on_device), rec);
  g_signal_connect (discovery, "port-added", G_CALLBACK (on_port), rec);
  g_signal_connect (discovery, "port-removed", G_CALLBACK (on_port), rec);
}

MdDiscovery *
discovery_recorder_start (DiscoveryRecorder *rec, const MdDiscoveryConfig *config)
{
  g_autoptr (GError) error = NULL;
  MdDiscovery *discovery = md_discovery_new (config, &error);

  g_assert_no_error (error);
  discovery_recorder_init (rec, discovery);
  g_assert_true (md_discovery_start (discovery, &error));
  g_assert_no_error (error);
  return discovery;
}

void
discovery_recorder_clear (DiscoveryRecorder *rec)
{
  g_signal_handlers_disconnect_by_data (rec->discovery, rec);
  g_clear_object (&rec->discovery);
  g_clear_pointer (&rec->events, g_ptr_array_unref);
}

gint
discovery_recorder_find (DiscoveryRecorder *rec, const char *line)
{
  guint index;

  if (!g_ptr_array_find_with_equal_func (rec->events, line, g_str_equal, &index))
    return -1;
  return (gint)index;
}

void
discovery_recorder_wait (DiscoveryRecorder *rec, const char *line)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;

  while (discovery_recorder_find (rec, line) < 0) {
    if (g_get_monotonic_time () > deadline)
      g_error ("timed out waiting for '%s'", line);
    g_main_context_iteration (NULL, FALSE);
    if (discovery_recorder_find (rec, line) < 0)
      g_usleep (1000);
  }
}

void
discovery_recorder_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
