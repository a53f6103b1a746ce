"""Use cases. They see the domain and the ports, never a framework or a driver."""
