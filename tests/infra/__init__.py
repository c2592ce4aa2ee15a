"""Mock tests of the Pulumi program (__main__.py, infra/)."""
