/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Time ops over MBIM: Microsoft Voice Extensions NITZ. The query gives the
 * network time (UTC fields, as NITZ carries universal time) and zone; the
 * NITZ notification feeds the modem's network time zone. */
#include "md-mbim-ops.h"

#include "md-errors.h"
#include "md-log.h"
#include "md-modem-time.h"

/* The fields' "not available" value. */
#define NITZ_UNKNOWN 0xFFFFFFFFu
/* 3GPP zones lie within +-14 h. */
#define MAX_ZONE_MINUTES (14 * 60)

typedef struct {
  guint32 year, month, day, hour, minute, second, zone, dst;
} Nitz;

static gboolean
zone_known (const Nitz *nitz)
{
  gint32 zone = (gint32)nitz->zone;

  return nitz->zone != NITZ_UNKNOWN && zone >= -MAX_ZONE_MINUTES && zone <= MAX_ZONE_MINUTES;
}

static void
nitz_to_zone (const Nitz *nitz, MdNetworkTimezone *zone)
{
  *zone = (MdNetworkTimezone){ 0 };
  zone->known = TRUE;
  zone->offset = (gint32)nitz->zone;
  /* DST is at most 2 h (24.008 10.5.3.12). */
  zone->has_dst_offset = nitz->dst != NITZ_UNKNOWN && nitz->dst <= 120;
  zone->dst_offset = zone->has_dst_offset ? (gint)nitz->dst : 0;
}

void
md_mbim_nitz_indication (MdModem *modem, MbimMessage *message)
{
  g_autoptr (GError) error = NULL;
  MdNetworkTimezone zone;
  Nitz nitz;

  if (mbim_message_indicate_status_get_cid (message) != MBIM_CID_MS_VOICE_EXTENSIONS_NITZ)
    return;
  if (!mbim_message_ms_voice_extensions_nitz_notification_parse (message, &nitz.year, &nitz.month, &nitz.day,
                                                                 &nitz.hour, &nitz.minute, &nitz.second,
                                                                 &nitz.zone, &nitz.dst, NULL, &error)) {
    md_log_debug (md_modem_get_log_name (modem), "ignoring NITZ notification: %s", error->message);
    return;
  }
  if (!zone_known (&nitz)) {
    md_log_debug (md_modem_get_log_name (modem), "ignoring NITZ notification without a valid zone");
    return;
  }
  nitz_to_zone (&nitz, &zone);
  md_modem_set_network_timezone (modem, &zone);
}

/* ISO 8601 local time (the zone's), as the AT ops give +CCLK's; without a
 * zone, UTC without an offset. */
static char *
nitz_to_iso8601 (const Nitz *nitz, GError **error)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  gint32 zone = (gint32)nitz->zone;

  if (nitz->year < 1970 || nitz->year > 9999 || nitz->month > 12 || nitz->day > 31 || nitz->hour > 23
      || nitz->minute > 59 || nitz->second > 59)
    utc = NULL;
  else
    utc = g_date_time_new_utc ((gint)nitz->year, (gint)nitz->month, (gint)nitz->day, (gint)nitz->hour,
                               (gint)nitz->minute, (gdouble)nitz->second);
  if (!utc) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED, "Invalid NITZ time");
    return NULL;
  }
  if (!zone_known (nitz))
    return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");
  tz = g_time_zone_new_offset (zone * 60);
  local = g_date_time_to_timezone (utc, tz);
  return g_strdup_printf (
    "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", g_date_time_get_year (local), g_date_time_get_month (local),
    g_date_time_get_day_of_month (local), g_date_time_get_hour (local), g_date_time_get_minute (local),
    g_date_time_get_second (local), zone < 0 ? '-' : '+', ABS (zone) / 60, ABS (zone) % 60);
}

static void
parse_nitz (MdModem *modem, MbimMessage *response, GTask *task)
{
  GError *error = NULL;
  char *text;
  Nitz nitz;

  if (!mbim_message_ms_voice_extensions_nitz_response_parse (response, &nitz.year, &nitz.month, &nitz.day,
                                                             &nitz.hour, &nitz.minute, &nitz.second,
                                                             &nitz.zone, &nitz.dst, NULL, &error)) {
    g_task_return_error (task, md_mbim_protocol_error (error, "Invalid NITZ"));
    return;
  }
  text = nitz_to_iso8601 (&nitz, &error);
  if (!text) {
    g_task_return_error (task, error);
    return;
  }
  g_task_return_pointer (task, text, g_free);
}

static void
mbim_load_network_time (MdModem *modem, GTask *task)
{
  GError *error = NULL;
  MbimMessage *request = mbim_message_ms_voice_extensions_nitz_query_new (&error);

  md_mbim_op (modem, task, request, error, MD_MBIM_TIMEOUT_S, parse_nitz);
}

/* NITZ notifications need no setup: the indication router hands them to
 * md_mbim_nitz_indication. */
const MdModemTimeOps md_mbim_time_ops = {
  .load_network_time = mbim_load_network_time,
};
