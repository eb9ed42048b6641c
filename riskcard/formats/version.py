"""The version riskcard reports in every output."""

__version__ = "0.1.0"
