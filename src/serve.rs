//! `canting serve`: the site on this computer, rebuilt and reloaded after every change.
