"""The registry of installed plugins, under the name the plugin-contract branch gives it.

A shim: the registry still lives in :mod:`wpscheck.plugins` on this branch. When the
branches meet, the contract's own ``wpscheck/registry.py`` replaces this file whole.
"""

from __future__ import annotations

from wpscheck.plugins import Registry, build_registry, registry

__all__ = ["Registry", "build_registry", "registry"]
