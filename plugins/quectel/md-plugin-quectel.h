/* SPDX-License-Identifier: GPL-2.0-or-later */
#pragma once

#include "plugin-api.h"

extern const MdPlugin md_plugin_quectel;
