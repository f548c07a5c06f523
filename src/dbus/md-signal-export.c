/* SPDX-License-Identifier: GPL-2.0-or-later */
/* org.freedesktop.ModemManager1.Modem.Signal: the core's refresh rate and
 * measurements as Rate and the per-technology dictionaries; Setup. Only on
 * modems whose ops can load signal values. */
#include "md-modem-export-private.h"
#include "md-skeleton-set.h"

#include <math.h>
#include <string.h>

#include "md-dbus-gate.h"
#include "md-modem-signal.h"
#include "md-request-signal.h"
#include "md-vardict.h"

static void
add_value (GVariantBuilder *builder, const char *key, double value)
{
  if (!isnan (value))
    md_vardict_add (builder, key, g_variant_new_double (value));
}

/* The keys ModemManager 1.20 publishes for each technology. */
static GVariant *
values_variant (const MdSignalValues *v, MdSignalTech tech)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  switch (tech) {
  case MD_SIGNAL_TECH_CDMA:
    add_value (&builder, "rssi", v->rssi);
    add_value (&builder, "ecio", v->ecio);
    break;
  case MD_SIGNAL_TECH_EVDO:
    add_value (&builder, "rssi", v->rssi);
    add_value (&builder, "ecio", v->ecio);
    add_value (&builder, "sinr", v->sinr);
    add_value (&builder, "io", v->io);
    break;
  case MD_SIGNAL_TECH_GSM: add_value (&builder, "rssi", v->rssi); break;
  case MD_SIGNAL_TECH_UMTS:
    add_value (&builder, "rssi", v->rssi);
    add_value (&builder, "rscp", v->rscp);
    add_value (&builder, "ecio", v->ecio);
    break;
  case MD_SIGNAL_TECH_LTE:
    add_value (&builder, "rssi", v->rssi);
    add_value (&builder, "rsrq", v->rsrq);
    add_value (&builder, "rsrp", v->rsrp);
    add_value (&builder, "snr", v->snr);
    break;
  case MD_SIGNAL_TECH_NR5G:
    add_value (&builder, "rsrq", v->rsrq);
    add_value (&builder, "rsrp", v->rsrp);
    add_value (&builder, "snr", v->snr);
    break;
  case MD_SIGNAL_TECH_COUNT: break;
  }
  add_value (&builder, "error-rate", v->error_rate);
  return g_variant_builder_end (&builder);
}

void
md_signal_export_sync (MdModemExport *self)
{
  MdDbusModemSignal *iface = self->signal_iface;
  const MdSignalReport *report;

  if (!iface)
    return;
  report = md_modem_signal_get_report (self->modem);
  MD_SKELETON_SET (md_dbus_modem_signal, rate, iface, md_modem_signal_get_rate (self->modem));
  /* Six dictionaries cost more to build and compare than all the Modem
   * interface's other properties: skip them while the report is the one
   * published last. */
  if (self->signal_published && memcmp (self->signal_published, report, sizeof *report) == 0)
    return;
  g_free (self->signal_published);
  self->signal_published = g_memdup2 (report, sizeof *report);
  MD_SKELETON_SET_VARIANT (md_dbus_modem_signal, cdma, iface,
                           values_variant (&report->tech[MD_SIGNAL_TECH_CDMA], MD_SIGNAL_TECH_CDMA));
  MD_SKELETON_SET_VARIANT (md_dbus_modem_signal, evdo, iface,
                           values_variant (&report->tech[MD_SIGNAL_TECH_EVDO], MD_SIGNAL_TECH_EVDO));
  MD_SKELETON_SET_VARIANT (md_dbus_modem_signal, gsm, iface,
                           values_variant (&report->tech[MD_SIGNAL_TECH_GSM], MD_SIGNAL_TECH_GSM));
  MD_SKELETON_SET_VARIANT (md_dbus_modem_signal, umts, iface,
                           values_variant (&report->tech[MD_SIGNAL_TECH_UMTS], MD_SIGNAL_TECH_UMTS));
  MD_SKELETON_SET_VARIANT (md_dbus_modem_signal, lte, iface,
                           values_variant (&report->tech[MD_SIGNAL_TECH_LTE], MD_SIGNAL_TECH_LTE));
  MD_SKELETON_SET_VARIANT (md_dbus_modem_signal, nr5g, iface,
                           values_variant (&report->tech[MD_SIGNAL_TECH_NR5G], MD_SIGNAL_TECH_NR5G));
}

static gboolean
handle_setup (MdDbusModemSignal *iface, GDBusMethodInvocation *invocation, guint rate, gpointer user_data)
{
  MdModemExport *self = user_data;
  GError *error = NULL;

  if (!md_request_signal_rate (rate, &error)) {
    g_dbus_method_invocation_take_error (invocation, error);
    return TRUE;
  }
  md_modem_signal_setup (self->modem, rate);
  md_dbus_modem_signal_complete_setup (iface, invocation);
  return TRUE;
}

void
md_signal_export_init (MdModemExport *self)
{
  if (!md_modem_has_signal (self->modem))
    return;
  self->signal_iface = md_dbus_modem_signal_skeleton_new ();
  md_dbus_modem_signal_set_rssi_threshold (self->signal_iface, 0);
  md_dbus_modem_signal_set_error_rate_threshold (self->signal_iface, FALSE);
  md_dbus_gate_install (G_DBUS_INTERFACE_SKELETON (self->signal_iface), self->authorizer);
  g_signal_connect (self->signal_iface, "handle-setup", G_CALLBACK (handle_setup), self);
}

void
md_signal_export_free (MdModemExport *self)
{
  if (!self->signal_iface)
    return;
  g_signal_handlers_disconnect_by_data (self->signal_iface, self);
  g_clear_object (&self->signal_iface);
  g_clear_pointer (&self->signal_published, g_free);
}
